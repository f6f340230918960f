namespace Beacon.Core;

/// <summary>How the registry treats leases, eviction, self-preservation and its change history.</summary>
public sealed class RegistryOptions
{
    /// <summary>The node's id: it stamps the versions of the writes it accepts and names the node renewals arrive at.</summary>
    public string NodeId { get; set; } = "local";

    /// <summary>The node's zone, given to instances that register without one.</summary>
    public string Zone { get; set; } = "default";

    /// <summary>
    /// Lease of an instance that names none: 90 s, three missed 30 s heartbeats, as in Eureka. An
    /// instance silent for longer than its lease is evicted.
    /// </summary>
    public int DefaultLeaseSeconds { get; set; } = 90;

    /// <summary>
    /// How often expired leases are swept: 5 s, so an instance is gone at most 5 s after its lease
    /// ends (Eureka and bilibili sweep once a minute, which keeps dead instances for up to a minute more).
    /// </summary>
    public TimeSpan EvictionInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Share of the registry one sweep may evict: 15 %, as Eureka and bilibili discovery. A larger loss
    /// in one sweep is more likely the registry's network than the services, so the rest waits for the
    /// next sweep (and self-preservation gets the chance to notice).
    /// </summary>
    public double MaxEvictionFraction { get; set; } = 0.15;

    /// <summary>The change history kept for <c>/v1/changes</c> and watch streams: 65,536 changes.</summary>
    public int ChangeHistorySize { get; set; } = 65_536;

    /// <summary>
    /// How long a removed instance's tombstone is kept: 10 minutes, far longer than replication and
    /// anti-entropy need to spread a removal. A peer cut off for longer may bring a removed instance
    /// back; with no heartbeats, its lease then removes it again.
    /// </summary>
    public TimeSpan TombstoneTtl { get; set; } = TimeSpan.FromMinutes(10);

    public SelfPreservationOptions SelfPreservation { get; set; } = new();
}

/// <summary>Eureka's self-preservation, bilibili discovery's protected mode.</summary>
public sealed class SelfPreservationOptions
{
    /// <summary>On by default: a registry that evicts the world during a network fault does more harm.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Below 85 % of the expected renewals per minute, eviction stops (Eureka's default).</summary>
    public double Threshold { get; set; } = 0.85;

    /// <summary>The window renewals are counted over: one minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// After start the renewal rate is not judged for this long: a restarted node starts empty and
    /// fills as clients re-register, so its first minute of counts says nothing. At least one window.
    /// </summary>
    public TimeSpan WarmUp { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Even while self-preservation is active, instances silent this long are evicted: 1 h. A network
    /// fault that long is an outage to fix, and the registry must not keep dead instances forever.
    /// </summary>
    public TimeSpan Ceiling { get; set; } = TimeSpan.FromHours(1);
}
