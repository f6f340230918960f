using Beacon.Contracts;

namespace Beacon.Cluster.Wire;

/// <summary>An instance record as peers exchange it: everything, including its version stamp and lease.</summary>
public sealed record PeerInstance
{
    public required string Namespace { get; init; }
    public required string Service { get; init; }
    public required string Id { get; init; }
    public required string Zone { get; init; }
    public required IReadOnlyList<string> Addresses { get; init; }
    public required InstanceStatus ReportedStatus { get; init; }
    public InstanceStatus? StatusOverride { get; init; }
    public required bool Healthy { get; init; }
    public required int Weight { get; init; }
    public string? Version { get; init; }
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    public required int LeaseSeconds { get; init; }
    public required int HeartbeatSeconds { get; init; }
    public required long RegisteredAtMs { get; init; }
    public required long LastChangedAtMs { get; init; }
    public required long LastRenewedMs { get; init; }
    public required string RenewedVia { get; init; }
    public required long StampClock { get; init; }
    public required string StampOrigin { get; init; }
}
