using System.Text.Json.Serialization;

namespace Beacon.Contracts;

/// <summary>What happened to an instance.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeOp>))]
public enum ChangeOp : byte
{
    /// <summary>The instance was registered for the first time (or again after it was removed).</summary>
    [JsonStringEnumMemberName("registered")] Registered,

    /// <summary>The instance's data changed: status, weight, metadata, addresses, health...</summary>
    [JsonStringEnumMemberName("updated")] Updated,

    /// <summary>The instance deregistered itself or was deregistered.</summary>
    [JsonStringEnumMemberName("deregistered")] Deregistered,

    /// <summary>The instance's lease expired and the registry removed it.</summary>
    [JsonStringEnumMemberName("evicted")] Evicted,
}

/// <summary>One change to one instance.</summary>
public sealed record ChangeInfo
{
    /// <summary>The node-local revision of the change.</summary>
    public required long Revision { get; init; }

    /// <summary>What happened.</summary>
    public required ChangeOp Op { get; init; }

    /// <summary>The service of the instance.</summary>
    public required string Service { get; init; }

    /// <summary>The instance after the change (for removals: its last state).</summary>
    public required InstanceInfo Instance { get; init; }
}

/// <summary>Answer of <c>GET /v1/changes</c>.</summary>
public sealed record ChangeFeed
{
    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Pass this as <c>since</c> in the next request.</summary>
    public required long Revision { get; init; }

    /// <summary>True when more changes are waiting beyond the limit: ask again at once.</summary>
    public required bool More { get; init; }

    /// <summary>The changes, in revision order.</summary>
    public required IReadOnlyList<ChangeInfo> Changes { get; init; }
}
