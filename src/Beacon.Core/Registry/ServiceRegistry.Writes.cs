using Beacon.Contracts;
using Beacon.Core.Changes;
using Beacon.Core.Model;
using Beacon.Core.Validation;
using Beacon.Core.Versioning;

namespace Beacon.Core.Registry;

public sealed partial class ServiceRegistry
{
    /// <summary>
    /// Registers an instance, or replaces the data of a registered one (idempotent: the same data
    /// again renews the lease and changes nothing else). An operator's status override survives.
    /// </summary>
    /// <exception cref="InvalidArgumentException">The registration breaks a rule.</exception>
    public RegisterResult Register(InstanceRegistration registration)
    {
        var valid = InstanceValidator.Validate(registration, _options);
        var service = GetOrAddService(valid.Namespace, valid.Service);
        var now = NowMs;
        lock (service.WriteLock)
        {
            var existing = service.Snapshot.Find(valid.Id, out var position);
            if (existing is null)
            {
                var created = new Instance
                {
                    Namespace = service.Namespace,
                    Service = service.Name,
                    Id = valid.Id,
                    Zone = valid.Zone,
                    Addresses = valid.Addresses,
                    ReportedStatus = valid.Status,
                    Healthy = valid.Healthy,
                    Weight = valid.Weight,
                    Version = valid.Version,
                    Metadata = valid.Metadata,
                    LeaseSeconds = valid.LeaseSeconds,
                    HeartbeatSeconds = valid.HeartbeatSeconds,
                    RegisteredAtMs = now,
                    LastChangedAtMs = now,
                    Stamp = NextStamp(),
                    Lease = new Lease(now, NodeId),
                };
                Commit(service, ChangeOp.Registered, created, previous: null, created.Stamp, replicated: false, position);
                return new RegisterResult(created, Created: true);
            }

            existing.Lease.Renew(now, NodeId);
            RenewalSink?.OnRenewed(existing, now);
            var replaced = existing with
            {
                Zone = valid.Zone,
                Addresses = valid.Addresses,
                ReportedStatus = valid.Status,
                Healthy = valid.Healthy,
                Weight = valid.Weight,
                Version = valid.Version,
                Metadata = valid.Metadata,
                LeaseSeconds = valid.LeaseSeconds,
                HeartbeatSeconds = valid.HeartbeatSeconds,
                LastChangedAtMs = now,
            };
            if (replaced.SameDataAs(existing))
            {
                return new RegisterResult(existing, Created: false);
            }

            replaced = replaced with { Stamp = NextStamp() };
            Commit(service, ChangeOp.Updated, replaced, existing, replaced.Stamp, replicated: false, position);
            return new RegisterResult(replaced, Created: false);
        }
    }

    /// <summary>
    /// Renews an instance's lease: the heartbeat. With <paramref name="status"/>, also records the
    /// status the instance reports (a change only when it differs).
    /// </summary>
    public RenewOutcome Renew(string @namespace, string service, string id, InstanceStatus? status = null)
    {
        var state = FindService(@namespace, service);
        var instance = state?.Snapshot.Find(id);
        if (instance is null)
        {
            return RenewOutcome.NotFound;
        }

        var now = NowMs;
        instance.Lease.Renew(now, NodeId);
        SelfPreservation.MarkRenewal();
        RenewalSink?.OnRenewed(instance, now);
        if (status is { } reported && reported != instance.ReportedStatus)
        {
            return Patch(@namespace, service, id, new InstancePatch { Status = reported }) is null
                ? RenewOutcome.NotFound
                : RenewOutcome.Renewed;
        }

        return RenewOutcome.Renewed;
    }

    /// <summary>Renews many instances of one namespace; returns those not found.</summary>
    public int RenewMany(string @namespace, IReadOnlyList<InstanceRef> instances, List<InstanceRef> notFound)
    {
        var ns = FindNamespace(@namespace);
        var now = NowMs;
        var renewed = 0;
        ServiceState? service = null;
        foreach (var item in instances)
        {
            // Batches usually list many instances of one service in a row: look the service up once.
            if (service is null || !string.Equals(service.Name, item.Service, StringComparison.Ordinal))
            {
                service = item.Service is null ? null : ns?.Find(item.Service);
            }

            var instance = item.Id is null ? null : service?.Snapshot.Find(item.Id);
            if (instance is null)
            {
                notFound.Add(item);
                continue;
            }

            instance.Lease.Renew(now, NodeId);
            RenewalSink?.OnRenewed(instance, now);
            renewed++;
        }

        SelfPreservation.MarkRenewals(renewed);
        return renewed;
    }

    /// <summary>Changes some fields of an instance. Returns null when the instance is unknown.</summary>
    /// <exception cref="InvalidArgumentException">The patch breaks a rule.</exception>
    public Instance? Patch(string @namespace, string service, string id, InstancePatch patch)
    {
        InstanceValidator.CheckPatch(patch);
        var state = FindService(@namespace, service);
        if (state is null)
        {
            return null;
        }

        lock (state.WriteLock)
        {
            var existing = state.Snapshot.Find(id, out var position);
            if (existing is null)
            {
                return null;
            }

            var metadata = patch.Metadata is { Count: > 0 } changes
                ? InstanceValidator.CheckMetadata(existing.Metadata.Merge(changes), "metadata")
                : existing.Metadata;
            var patched = existing with
            {
                ReportedStatus = patch.Status ?? existing.ReportedStatus,
                StatusOverride = patch.ClearStatusOverride ? null : patch.StatusOverride ?? existing.StatusOverride,
                Healthy = patch.Healthy ?? existing.Healthy,
                Weight = patch.Weight ?? existing.Weight,
                Metadata = metadata,
                LastChangedAtMs = NowMs,
            };
            if (patched.SameDataAs(existing))
            {
                return existing;
            }

            patched = patched with { Stamp = NextStamp() };
            Commit(state, ChangeOp.Updated, patched, existing, patched.Stamp, replicated: false, position);
            return patched;
        }
    }

    /// <summary>Removes an instance at its own (or an operator's) request. False when unknown.</summary>
    public bool Deregister(string @namespace, string service, string id)
    {
        var state = FindService(@namespace, service);
        if (state is null)
        {
            return false;
        }

        lock (state.WriteLock)
        {
            var existing = state.Snapshot.Find(id, out var position);
            if (existing is null)
            {
                return false;
            }

            Commit(state, ChangeOp.Deregistered, existing, existing, NextStamp(), replicated: false, position);
            return true;
        }
    }

    /// <summary>Receives every heartbeat this node accepts directly (the cluster replicates them).</summary>
    public IRenewalSink? RenewalSink { get; set; }

    private Stamp NextStamp() => new(Clock.Next(), NodeId);

    /// <summary>
    /// Records and publishes one change, keeping tombstones, the instance count and the expected
    /// renewal rate exact. The caller holds the service's write lock. For a removal,
    /// <paramref name="stamp"/> is the tombstone's stamp; otherwise the instance's.
    /// <paramref name="position"/> is where the instance is (or goes) in the current snapshot, as
    /// the caller's <see cref="ServiceSnapshot.Find(string, out int)"/> under the same lock found it.
    /// </summary>
    private Change Commit(ServiceState service, ChangeOp op, Instance instance, Instance? previous, Stamp stamp, bool replicated, int position)
    {
        var change = Changes.Append(op, instance, stamp, replicated);
        var current = service.Snapshot;
        if (change.IsRemoval)
        {
            service.SetTombstones(service.Tombstones.SetItem(instance.Id, new Tombstone(instance.Id, stamp, op, NowMs)));
            service.Publish(current.Without(position, change.Revision));
            Interlocked.Decrement(ref _instanceCount);
            SelfPreservation.AdjustExpected(instance.HeartbeatSeconds, -1);
        }
        else
        {
            if (service.Tombstones.ContainsKey(instance.Id))
            {
                service.SetTombstones(service.Tombstones.Remove(instance.Id));
            }

            service.Publish(current.With(instance, position, change.Revision));
            if (previous is null)
            {
                Interlocked.Increment(ref _instanceCount);
                SelfPreservation.AdjustExpected(instance.HeartbeatSeconds, +1);
            }
            else if (previous.HeartbeatSeconds != instance.HeartbeatSeconds)
            {
                SelfPreservation.AdjustExpected(previous.HeartbeatSeconds, -1);
                SelfPreservation.AdjustExpected(instance.HeartbeatSeconds, +1);
            }
        }

        Committed?.Invoke(change);
        return change;
    }
}
