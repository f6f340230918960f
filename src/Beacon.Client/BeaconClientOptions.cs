using Beacon.Client.Configuration;
using Beacon.Contracts;

namespace Beacon.Client;

/// <summary>
/// Settings of a <see cref="BeaconClient"/>. Bind them from configuration (section <c>Beacon</c>) or
/// parse a connection string with <see cref="Parse"/>; <see cref="BeaconClientBuilder"/> copies them, so
/// changing an options object after <see cref="BeaconClientBuilder.Build"/> does not change a client.
/// </summary>
public sealed class BeaconClientOptions
{
    /// <summary>
    /// The registry nodes to start from, as <c>host:port</c> or base URLs (<c>http://10.0.0.1:7171</c>).
    /// More nodes are learned from the cluster itself (service <c>beacon</c> in namespace <c>system</c>).
    /// </summary>
    public IList<string> Nodes { get; set; } = [];

    /// <summary>The namespace (environment or tenant) every call uses. Default <c>default</c>.</summary>
    public string Namespace { get; set; } = BeaconRoutes.DefaultNamespace;

    /// <summary>
    /// The caller's zone. Picking prefers instances of this zone while it has healthy ones, and
    /// registrations that name no zone are registered in it. Null: no preference; the node's zone.
    /// </summary>
    public string? Zone { get; set; }

    /// <summary>A secret sent as <c>Authorization: Bearer</c>; masked in <see cref="ToString"/>.</summary>
    public string? Token { get; set; }

    /// <summary>How an instance is picked. Default <see cref="LoadBalancingStrategy.WeightedRandom"/>.</summary>
    public LoadBalancingStrategy LoadBalancing { get; set; } = LoadBalancingStrategy.WeightedRandom;

    /// <summary>
    /// How often the instances this process registered are renewed, all in one batch request.
    /// Default 30 s, as Eureka: with the 90 s lease two heartbeats may be lost before eviction.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The lease registrations ask for, in seconds: the silence after which the registry evicts an
    /// instance. Default 90 (three heartbeats).
    /// </summary>
    public int LeaseSeconds { get; set; } = 90;

    /// <summary>
    /// How long the watch stream may stay silent before the client takes it for dead and reconnects,
    /// to another node if needed. The registry sends a keep-alive every 15 s, so the default 45 s means
    /// three missed keep-alives.
    /// </summary>
    public TimeSpan WatchIdleTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// How long one request to one node may take (for the watch stream: until its headers arrive)
    /// before the client tries the next node. Default 5 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long opening a connection to a node may take. Default 2 s: a dead node should cost little.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The first pause after every node failed, doubled on each further failure up to
    /// <see cref="MaxRetryBackoff"/>; a node that failed is also avoided this long. Default 200 ms.
    /// </summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest pause between retries. Default 10 s.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the member list is read from the cluster (service <c>beacon</c> in namespace
    /// <c>system</c>); it is also read after every failover. Default 30 s; each wait varies by up to
    /// ±10 %, so clients started together do not all ask at the same moment.
    /// </summary>
    public TimeSpan MemberRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an instance reported with <see cref="BeaconClient.ReportFailure"/> is skipped while others
    /// are available. Default 10 s.
    /// </summary>
    public TimeSpan FailureCooldown { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether every service list received is also written to disk, so that the client can serve it
    /// when no registry node answers, even right after the process starts. Default true.
    /// </summary>
    public bool DiskCache { get; set; } = true;

    /// <summary>
    /// Where the disk copy lives. Default: <c>beacon/cache</c> under the user's local application data
    /// folder (the temp folder when there is none). One file per namespace and service.
    /// </summary>
    public string? DiskCacheDirectory { get; set; }

    /// <summary>Whether disposing the client deregisters the instances it registered. Default true.</summary>
    public bool DeregisterOnDispose { get; set; } = true;

    /// <summary>Parses a connection string such as <c>nodes=127.0.0.1:7171,127.0.0.1:7172;namespace=prod;zone=z1</c>.</summary>
    /// <exception cref="ArgumentException">The string has an unknown key or a bad value.</exception>
    public static BeaconClientOptions Parse(string connectionString)
    {
        var options = new BeaconClientOptions();
        ConnectionString.Apply(connectionString, options);
        return options;
    }

    /// <summary>Applies the keys of a connection string to these options (keys not named keep their value).</summary>
    /// <exception cref="ArgumentException">The string has an unknown key or a bad value.</exception>
    public void ApplyConnectionString(string connectionString) => ConnectionString.Apply(connectionString, this);

    /// <summary>The options as a connection string; the token is included only when asked for.</summary>
    public string ToConnectionString(bool includeSecrets = false) => ConnectionString.Format(this, includeSecrets);

    /// <summary>The options as a connection string with the token masked, safe to log.</summary>
    public override string ToString() => ToConnectionString(includeSecrets: false);

    /// <summary>A deep copy.</summary>
    public BeaconClientOptions Clone()
    {
        var copy = (BeaconClientOptions)MemberwiseClone();
        copy.Nodes = [.. Nodes];
        return copy;
    }
}
