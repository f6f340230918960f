using Beacon.Contracts;
using Beacon.Core.Model;

namespace Beacon.Core.Registry;

public sealed partial class ServiceRegistry
{
    /// <summary>
    /// One eviction sweep. An instance is expired when it has been silent for longer than its own
    /// lease (exactly: Eureka's bug added the lease twice). While self-preservation is active only
    /// instances silent beyond the ceiling go. At most <see cref="RegistryOptions.MaxEvictionFraction"/>
    /// of the registry goes per sweep, chosen at random so no service is favoured.
    /// </summary>
    public EvictionReport EvictExpired()
    {
        var now = NowMs;
        var state = SelfPreservation.Evaluate(now);
        var ceilingMs = (long)_options.SelfPreservation.Ceiling.TotalMilliseconds;

        var expired = new List<Instance>();
        var kept = 0;
        foreach (var ns in _namespaces.Values)
        {
            foreach (var service in ns.Services)
            {
                foreach (var instance in service.Snapshot.Instances)
                {
                    var silentMs = instance.Lease.SilentForMs(now);
                    var leaseMs = instance.LeaseSeconds * 1000L;
                    if (silentMs <= leaseMs)
                    {
                        continue;
                    }

                    if (state.Active && silentMs <= Math.Max(leaseMs, ceilingMs))
                    {
                        kept++;
                        continue;
                    }

                    expired.Add(instance);
                }
            }
        }

        if (expired.Count == 0)
        {
            return new EvictionReport(kept, 0, kept, state);
        }

        var size = InstanceCount;
        var limit = Math.Max(1, size - (int)(size * (1 - _options.MaxEvictionFraction)));
        if (expired.Count > limit)
        {
            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(expired));
        }

        var evicted = 0;
        foreach (var instance in expired)
        {
            if (evicted == limit)
            {
                break;
            }

            if (Evict(instance, now))
            {
                evicted++;
            }
        }

        Interlocked.Add(ref _evictions, evicted);
        return new EvictionReport(expired.Count + kept, evicted, kept, state);
    }

    /// <summary>Evicts one instance if it is still the same registration and still expired.</summary>
    private bool Evict(Instance candidate, long now)
    {
        var service = FindService(candidate.Namespace, candidate.Service);
        if (service is null)
        {
            return false;
        }

        lock (service.WriteLock)
        {
            var current = service.Snapshot.Find(candidate.Id);
            // A heartbeat or re-registration since the scan keeps it.
            if (current is null || !ReferenceEquals(current.Lease, candidate.Lease) ||
                current.Lease.SilentForMs(now) <= current.LeaseSeconds * 1000L)
            {
                return false;
            }

            Commit(service, ChangeOp.Evicted, current, current);
            return true;
        }
    }
}
