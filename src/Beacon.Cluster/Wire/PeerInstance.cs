using System.Text.Json.Serialization;
using Beacon.Contracts;

namespace Beacon.Cluster.Wire;

/// <summary>
/// An instance record as peers exchange it: everything, including its version stamp and lease.
/// Settable members marked <see cref="JsonRequiredAttribute"/>, not C# <c>required</c>/<c>init</c>:
/// System.Text.Json reads <c>required</c> and init-only members through its parameterized-constructor
/// path, which made a joining node's copy of 100,000 records parse about twice as slowly.
/// </summary>
public sealed record PeerInstance
{
    [JsonRequired] public string Namespace { get; set; } = "";
    [JsonRequired] public string Service { get; set; } = "";
    [JsonRequired] public string Id { get; set; } = "";
    [JsonRequired] public string Zone { get; set; } = "";
    [JsonRequired] public IReadOnlyList<string> Addresses { get; set; } = [];
    [JsonRequired] public InstanceStatus ReportedStatus { get; set; }
    public InstanceStatus? StatusOverride { get; set; }
    [JsonRequired] public bool Healthy { get; set; }
    [JsonRequired] public int Weight { get; set; }
    public string? Version { get; set; }
    public IReadOnlyDictionary<string, string>? Metadata { get; set; }
    [JsonRequired] public int LeaseSeconds { get; set; }
    [JsonRequired] public int HeartbeatSeconds { get; set; }
    [JsonRequired] public long RegisteredAtMs { get; set; }
    [JsonRequired] public long LastChangedAtMs { get; set; }
    [JsonRequired] public long LastRenewedMs { get; set; }
    [JsonRequired] public string RenewedVia { get; set; } = "";
    [JsonRequired] public long StampClock { get; set; }
    [JsonRequired] public string StampOrigin { get; set; } = "";
}
