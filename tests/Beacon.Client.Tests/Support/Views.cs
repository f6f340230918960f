using Beacon.Client.Picking;
using Beacon.Contracts;

namespace Beacon.Client.Tests.Support;

/// <summary>Service views built in memory, for picking tests without a registry.</summary>
public static class Views
{
    public static InstanceInfo Instance(
        string id, int weight = 100, string zone = "z1", InstanceStatus status = InstanceStatus.Up, bool healthy = true) => new()
    {
        Namespace = "default",
        Service = "orders",
        Id = id,
        Zone = zone,
        Addresses = [$"http://10.0.0.{id.Length}:8080"],
        Status = status,
        ReportedStatus = status,
        Healthy = healthy,
        Weight = weight,
        Metadata = new Dictionary<string, string>(),
        LeaseSeconds = 90,
        HeartbeatSeconds = 30,
        RegisteredAt = DateTimeOffset.UnixEpoch,
        LastRenewedAt = DateTimeOffset.UnixEpoch,
        LastChangedAt = DateTimeOffset.UnixEpoch,
        Revision = 1,
    };

    internal static ServiceView Of(
        IEnumerable<InstanceInfo> instances,
        string? zone = null,
        LoadBalancingStrategy strategy = LoadBalancingStrategy.WeightedRandom,
        TimeProvider? time = null,
        ServiceView? previous = null)
    {
        var service = new ServiceInstances { Namespace = "default", Service = "orders", Revision = 1, Instances = [.. instances] };
        var policy = new PickPolicy(zone, strategy, TimeSpan.FromSeconds(10), time ?? TimeProvider.System);
        return new ServiceView(service, ServiceViewSource.Registry, DateTimeOffset.UnixEpoch, policy, previous);
    }
}
