using Beacon.Core;

namespace Beacon.Server.Hosting;

/// <summary>The node's settings: configuration section <c>Beacon</c>.</summary>
public sealed class BeaconServerOptions
{
    public const string SectionName = "Beacon";

    /// <summary>
    /// The node's id. Defaults to the host:port of its first listen URL (e.g. <c>127.0.0.1:7171</c>),
    /// which is how peers name it too.
    /// </summary>
    public string NodeId { get; set; } = "";

    /// <summary>The node's zone (data centre); instances that name no zone get it. Default <c>default</c>.</summary>
    public string Zone { get; set; } = "default";

    /// <summary>Leases, eviction, self-preservation and change history.</summary>
    public RegistryOptions Registry { get; set; } = new();

    /// <summary>Limits of the HTTP API.</summary>
    public ApiOptions Api { get; set; } = new();

    /// <summary>Giving memory back after bursts.</summary>
    public MemoryOptions Memory { get; set; } = new();
}

/// <summary>When the node gives memory back to the system after a burst (<c>Beacon:Memory</c>).</summary>
public sealed class MemoryOptions
{
    /// <summary>Collect once, compacting, when the node is quiet after its GC has grown (docs/operations.md, Memory): on.</summary>
    public bool TrimWhenIdle { get; set; } = true;

    /// <summary>Quiet means allocating less than this: 8 MB/s (a burst of registrations allocates tens of MB/s).</summary>
    public long QuietBelowBytesPerSecond { get; set; } = 8L << 20;

    /// <summary>For this long: 5 s.</summary>
    public TimeSpan QuietFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>And only once the GC has grown by this much since the last trim (or since start): 64 MB.</summary>
    public long MinGrowthBytes { get; set; } = 64L << 20;
}

/// <summary>Limits of the HTTP API.</summary>
public sealed class ApiOptions
{
    /// <summary>
    /// The longest a blocking read may wait: 5 minutes, well under the idle timeouts of common load
    /// balancers and proxies once doubled, and long enough that idle clients cost almost nothing.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait of a blocking read that gives an index but no <c>wait</c>: 30 s, as bilibili discovery.</summary>
    public TimeSpan DefaultWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a watch stream sends a comment to keep proxies from closing it: 15 s.</summary>
    public TimeSpan WatchKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Largest request body: 1 MiB, room for a batch of 10,000 heartbeats; a registration is a few
    /// kilobytes at most.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How many changes one <c>/v1/changes</c> answer holds at most: 1,000.</summary>
    public int MaxChangesPerRead { get; set; } = 1000;

    /// <summary>
    /// How long an encoded service answer is reused while the service does not change: 1 s. Only the
    /// <c>lastRenewedAt</c> timestamps can be older than that, never the data.
    /// </summary>
    public TimeSpan EncodingReuse { get; set; } = TimeSpan.FromSeconds(1);
}
