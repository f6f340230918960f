using System.Text.Json.Serialization;
using Beacon.Contracts;

namespace Beacon.Cluster.Wire;

/// <summary>What a replication item carries.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReplicationKind>))]
public enum ReplicationKind : byte
{
    /// <summary>A full record (registration or update): <see cref="ReplicationItem.Instance"/>.</summary>
    [JsonStringEnumMemberName("put")] Put,

    /// <summary>A removal with its stamp and op (deregistered or evicted).</summary>
    [JsonStringEnumMemberName("remove")] Remove,

    /// <summary>A heartbeat received at <see cref="ReplicationItem.At"/> by <see cref="ReplicationItem.Via"/>.</summary>
    [JsonStringEnumMemberName("renew")] Renew,
}

/// <summary>One change sent to a peer.</summary>
public sealed record ReplicationItem
{
    public required ReplicationKind Kind { get; init; }
    public required string Namespace { get; init; }
    public required string Service { get; init; }
    public required string Id { get; init; }

    /// <summary>For puts.</summary>
    public PeerInstance? Instance { get; init; }

    /// <summary>For removals: the tombstone's stamp.</summary>
    public long StampClock { get; init; }

    /// <summary>For removals.</summary>
    public string? StampOrigin { get; init; }

    /// <summary>For removals: deregistered or evicted.</summary>
    public ChangeOp? Op { get; init; }

    /// <summary>For renewals: when, in Unix ms.</summary>
    public long At { get; init; }

    /// <summary>For renewals: the node the heartbeat arrived at.</summary>
    public string? Via { get; init; }
}

/// <summary>Body of <c>POST /v1/peer/replicate</c>.</summary>
public sealed record ReplicationBatch
{
    /// <summary>The sending node.</summary>
    public required string From { get; init; }

    /// <summary>
    /// True when the batch comes from another zone: the receiver spreads it inside its own zone
    /// (and never to another zone).
    /// </summary>
    public bool CrossZone { get; init; }

    public required IReadOnlyList<ReplicationItem> Items { get; init; }
}

/// <summary>Names an instance.</summary>
public sealed record InstanceKey(string Namespace, string Service, string Id);

/// <summary>Answer of <c>POST /v1/peer/replicate</c>.</summary>
public sealed record ReplicationResult
{
    /// <summary>Renewals of instances the receiver does not hold: send it their full records.</summary>
    public required IReadOnlyList<InstanceKey> Unknown { get; init; }
}
