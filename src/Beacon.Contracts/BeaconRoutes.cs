namespace Beacon.Contracts;

/// <summary>Paths of the Beacon HTTP API (v1).</summary>
public static class BeaconRoutes
{
    /// <summary>The prefix of every API route.</summary>
    public const string V1 = "/v1";

    /// <summary>The default namespace, used when a request names none.</summary>
    public const string DefaultNamespace = "default";

    /// <summary><c>GET</c>: services of a namespace.</summary>
    public const string Services = V1 + "/services";

    /// <summary><c>POST</c>: renew many instances at once.</summary>
    public const string Heartbeats = V1 + "/heartbeats";

    /// <summary><c>GET</c>: the change feed.</summary>
    public const string Changes = V1 + "/changes";

    /// <summary><c>GET</c>: Server-Sent Events stream of service changes.</summary>
    public const string Watch = V1 + "/watch";

    /// <summary><c>GET</c>: the node's status.</summary>
    public const string Status = V1 + "/status";

    /// <summary><c>GET</c>: the cluster's members as this node sees them (404 on a single node).</summary>
    public const string ClusterMembers = V1 + "/cluster/members";

    /// <summary><c>GET</c>: metrics in Prometheus text format.</summary>
    public const string Metrics = "/metrics";

    /// <summary>The web console.</summary>
    public const string Console = "/ui";

    /// <summary><c>GET</c>: liveness.</summary>
    public const string Healthz = "/healthz";

    /// <summary><c>GET</c>: readiness.</summary>
    public const string Readyz = "/readyz";

    /// <summary>The path of a service.</summary>
    public static string Service(string service) => $"{Services}/{Uri.EscapeDataString(service)}";

    /// <summary>The path of an instance.</summary>
    public static string Instance(string service, string id) =>
        $"{Service(service)}/instances/{Uri.EscapeDataString(id)}";

    /// <summary>The heartbeat path of an instance.</summary>
    public static string Heartbeat(string service, string id) => Instance(service, id) + "/heartbeat";
}
