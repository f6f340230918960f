using Beacon.Contracts;
using Beacon.Core.Model;

namespace Beacon.Core.Registry;

public sealed partial class ServiceRegistry
{
    /// <summary>
    /// One eviction sweep (which also drops tombstones older than <see cref="RegistryOptions.TombstoneTtl"/>).
    /// An instance is expired when it has been silent for longer than its own
    /// lease (exactly: Eureka's bug added the lease twice). While self-preservation is active only
    /// instances silent beyond the ceiling go. At most <see cref="RegistryOptions.MaxEvictionFraction"/>
    /// of the registry goes per sweep, chosen at random so no service is favoured. The
    /// <see cref="EvictionPolicy"/> keeps what this node must not evict (in a cluster: what another
    /// node is responsible for, or whose heartbeats go to a peer this node cannot reach).
    /// </summary>
    public EvictionReport EvictExpired()
    {
        var now = NowMs;
        var state = SelfPreservation.Evaluate(now);
        var ceilingMs = (long)_options.SelfPreservation.Ceiling.TotalMilliseconds;

        var expired = new List<Instance>();
        var kept = 0;
        var deferred = 0;
        var tombstoneTtlMs = (long)_options.TombstoneTtl.TotalMilliseconds;
        foreach (var ns in _namespaces.Values)
        {
            foreach (var service in ns.Services)
            {
                PurgeTombstones(service, now - tombstoneTtlMs);
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

                    if (!EvictionPolicy.MayEvict(instance, silentMs))
                    {
                        deferred++;
                        continue;
                    }

                    expired.Add(instance);
                }
            }
        }

        if (expired.Count == 0)
        {
            return new EvictionReport(kept + deferred, 0, kept, deferred, state);
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
        return new EvictionReport(expired.Count + kept + deferred, evicted, kept, deferred, state);
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
            var current = service.Snapshot.Find(candidate.Id, out var position);
            // A heartbeat or re-registration since the scan keeps it.
            if (current is null || !ReferenceEquals(current.Lease, candidate.Lease) ||
                current.Lease.SilentForMs(now) <= current.LeaseSeconds * 1000L)
            {
                return false;
            }

            Commit(service, ChangeOp.Evicted, current, current, NextStamp(), replicated: false, position);
            return true;
        }
    }

    private static void PurgeTombstones(ServiceState service, long removedBeforeMs)
    {
        var tombstones = service.Tombstones;
        if (tombstones.IsEmpty || !tombstones.Values.Any(t => t.RemovedAtMs < removedBeforeMs))
        {
            return;
        }

        lock (service.WriteLock)
        {
            service.SetTombstones(service.Tombstones.RemoveRange(
                service.Tombstones.Values.Where(t => t.RemovedAtMs < removedBeforeMs).Select(t => t.Id).ToList()));
        }
    }
}
