using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Cluster.Tests;

internal static class ClusterHttp
{
    public static Task<InstanceInfo> RegisterAsync(this BeaconTestNode node, string service, string id, string? body = null) =>
        node.Client.RegisterOkAsync(service, id, body);

    public static bool Has(this BeaconTestNode node, string service, string id, string ns = "default") =>
        node.Registry.FindInstance(ns, service, id) is not null;

    public static Task AllHaveAsync(this IEnumerable<BeaconTestNode> nodes, string service, string id, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => nodes.All(n => n.Has(service, id)), $"every node holds {service}/{id}", timeout);

    public static Task NoneHasAsync(this IEnumerable<BeaconTestNode> nodes, string service, string id, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => nodes.All(n => !n.Has(service, id)), $"no node holds {service}/{id}", timeout);

    /// <summary>The (namespace, service, id, stamp) of every record a node holds, for comparing nodes.</summary>
    public static HashSet<string> Fingerprint(this BeaconTestNode node) =>
        node.Registry.AllServices()
            .SelectMany(s => s.Snapshot.Instances)
            .Where(i => i.Namespace != "system")
            .Select(i => $"{i.Namespace}/{i.Service}/{i.Id}@{i.Stamp.Clock}:{i.Stamp.Origin}:{i.Weight}")
            .ToHashSet();
}
