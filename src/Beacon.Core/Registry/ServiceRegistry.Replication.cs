using Beacon.Contracts;
using Beacon.Core.Model;
using Beacon.Core.Validation;
using Beacon.Core.Versioning;

namespace Beacon.Core.Registry;

/// <summary>How a write from a peer was received.</summary>
public enum ApplyOutcome
{
    /// <summary>It was newer than what this node held and is now in place.</summary>
    Applied,

    /// <summary>This node already holds the same or a newer version; nothing changed.</summary>
    Stale,

    /// <summary>A renewal for an instance this node does not hold: the sender should send the full record.</summary>
    Unknown,
}

public sealed partial class ServiceRegistry
{
    /// <summary>
    /// Applies a record a peer sent (a registration or update made on another node). The newer
    /// version wins, whatever the order of arrival; the lease merges to the later renewal either way.
    /// Peers apply the same rule, so all nodes settle on the same record.
    /// </summary>
    public ApplyOutcome ApplyReplica(Instance incoming)
    {
        Names.CheckNamespace(incoming.Namespace);
        Names.CheckService(incoming.Service);
        Names.CheckInstanceId(incoming.Id);
        Clock.Observe(incoming.Stamp.Clock);
        var service = GetOrAddService(incoming.Namespace, incoming.Service);
        lock (service.WriteLock)
        {
            var existing = service.Snapshot.Find(incoming.Id, out var position);
            if (existing is not null)
            {
                existing.Lease.Renew(incoming.Lease.LastRenewedMs, incoming.Lease.RenewedVia);
                if (!incoming.Stamp.IsNewerThan(existing.Stamp))
                {
                    return ApplyOutcome.Stale;
                }

                var replaced = incoming with { Namespace = service.Namespace, Service = service.Name, Lease = existing.Lease };
                Commit(service, ChangeOp.Updated, replaced, existing, replaced.Stamp, replicated: true, position);
                return ApplyOutcome.Applied;
            }

            if (service.Tombstones.TryGetValue(incoming.Id, out var tombstone) && !incoming.Stamp.IsNewerThan(tombstone.Stamp))
            {
                return ApplyOutcome.Stale;
            }

            var created = incoming with { Namespace = service.Namespace, Service = service.Name };
            Commit(service, ChangeOp.Registered, created, previous: null, created.Stamp, replicated: true, position);
            return ApplyOutcome.Applied;
        }
    }

    /// <summary>
    /// Applies a removal a peer made. A removal older than the record held is stale (the instance
    /// registered again since). A removal of an instance this node never saw still leaves a tombstone,
    /// so that the registration, if it arrives late, is recognised as older and not brought back.
    /// </summary>
    public ApplyOutcome ApplyReplicaRemoval(string @namespace, string service, string id, Stamp stamp, ChangeOp op)
    {
        Names.CheckNamespace(@namespace);
        Names.CheckService(service);
        Names.CheckInstanceId(id);
        Clock.Observe(stamp.Clock);
        var state = GetOrAddService(@namespace, service);
        lock (state.WriteLock)
        {
            var existing = state.Snapshot.Find(id, out var position);
            if (existing is not null)
            {
                if (!stamp.IsNewerThan(existing.Stamp))
                {
                    return ApplyOutcome.Stale;
                }

                Commit(state, op, existing, existing, stamp, replicated: true, position);
                return ApplyOutcome.Applied;
            }

            if (state.Tombstones.TryGetValue(id, out var tombstone) && !stamp.IsNewerThan(tombstone.Stamp))
            {
                return ApplyOutcome.Stale;
            }

            state.SetTombstones(state.Tombstones.SetItem(id, new Tombstone(id, stamp, op, NowMs)));
            return ApplyOutcome.Applied;
        }
    }

    /// <summary>
    /// Applies a heartbeat a peer received: <see cref="ApplyOutcome.Applied"/> when it moved the lease
    /// forward (and counts for self-preservation), <see cref="ApplyOutcome.Stale"/> when a later one
    /// was already known, <see cref="ApplyOutcome.Unknown"/> when the instance is not held here (ask
    /// for its record).
    /// </summary>
    public ApplyOutcome ApplyReplicaRenewal(string @namespace, string service, string id, long atMs, string via)
    {
        var instance = FindInstance(@namespace, service, id);
        if (instance is null)
        {
            return ApplyOutcome.Unknown;
        }

        if (!instance.Lease.Renew(atMs, via))
        {
            return ApplyOutcome.Stale;
        }

        SelfPreservation.MarkRenewal();
        return ApplyOutcome.Applied;
    }

    /// <summary>Every service of every namespace (for full syncs and anti-entropy).</summary>
    public IEnumerable<ServiceState> AllServices() => _namespaces.Values.SelectMany(ns => ns.Services);
}
