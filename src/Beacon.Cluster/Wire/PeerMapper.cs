using Beacon.Core.Changes;
using Beacon.Core.Model;
using Beacon.Core.Versioning;

namespace Beacon.Cluster.Wire;

/// <summary>Converts between core records and the peer wire format.</summary>
internal static class PeerMapper
{
    public static PeerInstance ToPeer(Instance i) => new()
    {
        Namespace = i.Namespace,
        Service = i.Service,
        Id = i.Id,
        Zone = i.Zone,
        Addresses = i.Addresses,
        ReportedStatus = i.ReportedStatus,
        StatusOverride = i.StatusOverride,
        Healthy = i.Healthy,
        Weight = i.Weight,
        Version = i.Version,
        Metadata = i.Metadata.Count == 0 ? null : i.Metadata,
        LeaseSeconds = i.LeaseSeconds,
        HeartbeatSeconds = i.HeartbeatSeconds,
        RegisteredAtMs = i.RegisteredAtMs,
        LastChangedAtMs = i.LastChangedAtMs,
        LastRenewedMs = i.Lease.LastRenewedMs,
        RenewedVia = i.Lease.RenewedVia,
        StampClock = i.Stamp.Clock,
        StampOrigin = i.Stamp.Origin,
    };

    public static Instance ToCore(PeerInstance p) => new()
    {
        Namespace = p.Namespace,
        Service = p.Service,
        Id = p.Id,
        Zone = string.IsNullOrEmpty(p.Zone) ? "default" : StringPool.Intern(p.Zone),
        Addresses = [.. p.Addresses],
        ReportedStatus = p.ReportedStatus,
        StatusOverride = p.StatusOverride,
        Healthy = p.Healthy,
        Weight = p.Weight,
        Version = p.Version is null ? null : StringPool.Intern(p.Version),
        Metadata = Metadata.From(p.Metadata),
        LeaseSeconds = p.LeaseSeconds,
        HeartbeatSeconds = p.HeartbeatSeconds,
        RegisteredAtMs = p.RegisteredAtMs,
        LastChangedAtMs = p.LastChangedAtMs,
        Stamp = new Stamp(p.StampClock, string.Intern(p.StampOrigin)),
        Lease = new Lease(p.LastRenewedMs, string.Intern(p.RenewedVia)),
    };

    public static ReplicationItem Put(Instance instance) => new()
    {
        Kind = ReplicationKind.Put,
        Namespace = instance.Namespace,
        Service = instance.Service,
        Id = instance.Id,
        Instance = ToPeer(instance),
    };

    public static ReplicationItem Remove(Change change) => Remove(
        change.Instance.Namespace, change.Instance.Service, change.Instance.Id, change.Stamp, change.Op);

    public static ReplicationItem Remove(string ns, string service, string id, Stamp stamp, Contracts.ChangeOp op) => new()
    {
        Kind = ReplicationKind.Remove,
        Namespace = ns,
        Service = service,
        Id = id,
        StampClock = stamp.Clock,
        StampOrigin = stamp.Origin,
        Op = op,
    };

    public static ReplicationItem Renew(Instance instance, long atMs, string via) => new()
    {
        Kind = ReplicationKind.Renew,
        Namespace = instance.Namespace,
        Service = instance.Service,
        Id = instance.Id,
        At = atMs,
        Via = via,
    };
}
