namespace Beacon.Cluster.Hosting;

/// <summary>The cluster settings: configuration section <c>Beacon:Cluster</c>. With no member source, the node runs alone.</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Beacon:Cluster";

    /// <summary>Static members, <c>host:port</c>, comma-separated (<c>--nodes</c>). The node finds itself in it by its node id.</summary>
    public string? Nodes { get; set; }

    /// <summary>A file listing members, one <c>host:port</c> per line (<c>#</c> comments); re-read when it changes.</summary>
    public string? NodesFile { get; set; }

    /// <summary>A URL answering a newline-separated member list (Nacos' address server), polled.</summary>
    public string? AddressServer { get; set; }

    /// <summary>
    /// A DNS name whose A/AAAA records are the members (with this node's port), or an SRV name
    /// (starting with <c>_</c>, e.g. <c>_beacon._tcp.beacon.default.svc.cluster.local</c>) whose records
    /// give host and port: a Kubernetes headless service.
    /// </summary>
    public string? Dns { get; set; }

    /// <summary>How often the file, address server and DNS are read again: 5 s.</summary>
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each peer is probed: 500 ms, so a lost peer is suspected within a second.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A probe that takes longer has failed: 1 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// No contact for this long makes a peer suspect: 1.5 s. A suspect peer's instances are not
    /// evicted by others (their heartbeats may still be arriving there); it keeps its responsibilities.
    /// Must stay well under the shortest lease minus its heartbeat interval (6 s − 2 s).
    /// </summary>
    public TimeSpan SuspectAfter { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>No contact for this long makes a peer down: 5 s. Its responsibilities move to the others.</summary>
    public TimeSpan DownAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most changes one replication batch carries: 2,000.</summary>
    public int MaxBatchSize { get; set; } = 2000;

    /// <summary>
    /// How long a peer link woken from idle gathers changes before it sends: 5 ms (zero: at once). A
    /// request per change costs both ends far more than the change itself (at 1,000 writes/s a
    /// three-node cluster spent ~1 ms of CPU per write, most of it wake-ups), so a short wait that
    /// lets a trickle leave as one request trades a few milliseconds of lag for CPU. Eureka waits up
    /// to 500 ms, Nacos' Distro 1 s. A full batch leaves at once, and a link kept busy never waits.
    /// </summary>
    public TimeSpan ReplicationBatchDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Changes waiting for one peer: 200,000 (a few tens of MB at worst). A slow or dead peer that
    /// falls this far behind loses the oldest, and anti-entropy repairs what they carried.
    /// </summary>
    public int PeerQueueCapacity { get; set; } = 200_000;

    /// <summary>A replication request that takes longer has failed: 5 s.</summary>
    public TimeSpan ReplicationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often each node sends its peers the digest of the data it is responsible for: 3 s, or longer
    /// when the registry is so large that its digests would cost more than <see cref="AntiEntropyCpuShare"/>.
    /// </summary>
    public TimeSpan AntiEntropyInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The share of one core that digest passes may take: 0.02. A pass reads every record (~50 ns
    /// each on idle cores, several times that on busy ones), once for this node's round and once for
    /// each peer's; when those passes would exceed this share at <see cref="AntiEntropyInterval"/>,
    /// the rounds are spaced out instead (docs/cluster.md has measured intervals).
    /// </summary>
    public double AntiEntropyCpuShare { get; set; } = 0.02;

    /// <summary>The longest the rounds are spaced out to: 60 s, whatever the registry's size.</summary>
    public TimeSpan AntiEntropyMaxInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Records younger than this are left out of digests: 3 s, far longer than replication takes, so
    /// anti-entropy repairs only what replication lost, not what it is still delivering.
    /// </summary>
    public TimeSpan AntiEntropySettle { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Buckets of a digest: 1,024 checksums of 8 bytes, 8 KiB per digest. A differing bucket is sent
    /// whole, so more buckets send fewer records per difference.
    /// </summary>
    public int DigestBuckets { get; set; } = 1024;

    /// <summary>
    /// How long a starting node waits for a ready peer to copy the registry from: 10 s. After that
    /// it serves alone (and says so in its log and status) and anti-entropy fills it in later.
    /// </summary>
    public TimeSpan StartupSyncTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The lease of the node's own registration in service <c>beacon</c> (namespace <c>system</c>): 15 s.</summary>
    public int SelfLeaseSeconds { get; set; } = 15;

    /// <summary>Comma-separated statically configured members, parsed.</summary>
    public IReadOnlyList<string> StaticNodes =>
        (Nodes ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True when any member source is configured.</summary>
    public bool Enabled =>
        StaticNodes.Count > 0 || !string.IsNullOrWhiteSpace(NodesFile) ||
        !string.IsNullOrWhiteSpace(AddressServer) || !string.IsNullOrWhiteSpace(Dns);
}
