using Beacon.Contracts;
using Beacon.Core.Changes;
using Beacon.Core.Model;

namespace Beacon.Server.Api;

/// <summary>Maps core records to wire contracts.</summary>
internal static class InstanceMapper
{
    public static InstanceInfo ToInfo(Instance instance) => new()
    {
        Namespace = instance.Namespace,
        Service = instance.Service,
        Id = instance.Id,
        Zone = instance.Zone,
        Addresses = instance.Addresses,
        Status = instance.Status,
        ReportedStatus = instance.ReportedStatus,
        StatusOverride = instance.StatusOverride,
        Healthy = instance.Healthy,
        Weight = instance.Weight,
        Version = instance.Version,
        Metadata = instance.Metadata,
        LeaseSeconds = instance.LeaseSeconds,
        HeartbeatSeconds = instance.HeartbeatSeconds,
        RegisteredAt = DateTimeOffset.FromUnixTimeMilliseconds(instance.RegisteredAtMs),
        LastRenewedAt = DateTimeOffset.FromUnixTimeMilliseconds(instance.Lease.LastRenewedMs),
        LastChangedAt = DateTimeOffset.FromUnixTimeMilliseconds(instance.LastChangedAtMs),
        Revision = instance.Revision,
    };

    public static ChangeInfo ToInfo(Change change) => new()
    {
        Revision = change.Revision,
        Op = change.Op,
        Service = change.Instance.Service,
        Instance = ToInfo(change.Instance),
    };
}
