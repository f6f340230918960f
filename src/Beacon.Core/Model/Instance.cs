using System.Collections.Immutable;
using Beacon.Contracts;
using Beacon.Core.Versioning;

namespace Beacon.Core.Model;

/// <summary>
/// One version of an instance's record. Immutable once published in a <see cref="Registry.ServiceSnapshot"/>:
/// a change makes a new record (<c>with</c>), which keeps the same <see cref="Lease"/>.
/// </summary>
public sealed record Instance
{
    // The key's hash, computed at first use and carried by `with` copies (same key, same hash); setting
    // any part of the key clears it. Not part of the record's equality (see CachedHash).
    private CachedHash _keyHash;

    public required string Namespace { get; init { field = value; _keyHash = default; } }

    public required string Service { get; init { field = value; _keyHash = default; } }

    public required string Id { get; init { field = value; _keyHash = default; } }

    /// <summary>
    /// <see cref="InstanceKeyHash.Of"/> of this instance's key, computed once per instance: the cluster
    /// needs it for every instance on every anti-entropy round (it was three quarters of a digest's cost).
    /// </summary>
    public ulong KeyHash => _keyHash.Value != 0 ? _keyHash.Value : _keyHash.Value = InstanceKeyHash.Of(Namespace, Service, Id);

    public required string Zone { get; init; }

    public required ImmutableArray<string> Addresses { get; init; }

    /// <summary>What the instance itself last said about its status.</summary>
    public required InstanceStatus ReportedStatus { get; init; }

    /// <summary>An operator's override, which wins over <see cref="ReportedStatus"/> (Eureka's overriddenStatus).</summary>
    public InstanceStatus? StatusOverride { get; init; }

    /// <summary>The status callers see.</summary>
    public InstanceStatus Status => StatusOverride ?? ReportedStatus;

    public required bool Healthy { get; init; }

    /// <summary>0 to 10000; 100 is the default. (Nacos' decimal weight 1.0 maps to 100.)</summary>
    public required int Weight { get; init; }

    public string? Version { get; init; }

    public required Metadata Metadata { get; init; }

    public required int LeaseSeconds { get; init; }

    public required int HeartbeatSeconds { get; init; }

    public required long RegisteredAtMs { get; init; }

    public required long LastChangedAtMs { get; init; }

    /// <summary>
    /// The cluster-wide version stamp of this record: stamped by the node that accepted the write, carried
    /// unchanged by replication, compared to settle conflicts.
    /// </summary>
    public required Stamp Stamp { get; init; }

    /// <summary>The node-local revision of the change that made this record; set once, before publication.</summary>
    public long Revision { get; internal set; }

    public required Lease Lease { get; init; }

    /// <summary>UP and healthy: what discovery returns by default.</summary>
    public bool IsPassing => Status == InstanceStatus.Up && Healthy;

    /// <summary>True when the two records carry the same data (ignoring timestamps and revision).</summary>
    public bool SameDataAs(Instance other) =>
        string.Equals(Zone, other.Zone, StringComparison.Ordinal) &&
        Addresses.SequenceEqual(other.Addresses, StringComparer.Ordinal) &&
        ReportedStatus == other.ReportedStatus &&
        StatusOverride == other.StatusOverride &&
        Healthy == other.Healthy &&
        Weight == other.Weight &&
        string.Equals(Version, other.Version, StringComparison.Ordinal) &&
        Metadata.SameAs(other.Metadata) &&
        LeaseSeconds == other.LeaseSeconds &&
        HeartbeatSeconds == other.HeartbeatSeconds;
}
