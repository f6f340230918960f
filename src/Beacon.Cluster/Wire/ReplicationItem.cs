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
    [JsonRequired] public ReplicationKind Kind { get; set; }
    [JsonRequired] public string Namespace { get; set; } = "";
    [JsonRequired] public string Service { get; set; } = "";
    [JsonRequired] public string Id { get; set; } = "";

    /// <summary>For puts.</summary>
    public PeerInstance? Instance { get; set; }

    /// <summary>For removals: the tombstone's stamp.</summary>
    public long StampClock { get; set; }

    /// <summary>For removals.</summary>
    public string? StampOrigin { get; set; }

    /// <summary>For removals: deregistered or evicted.</summary>
    public ChangeOp? Op { get; set; }

    /// <summary>For renewals: when, in Unix ms.</summary>
    public long At { get; set; }

    /// <summary>For renewals: the node the heartbeat arrived at.</summary>
    public string? Via { get; set; }
}

/// <summary>Body of <c>POST /v1/peer/replicate</c>.</summary>
public sealed record ReplicationBatch
{
    /// <summary>The sending node.</summary>
    [JsonRequired] public string From { get; set; } = "";

    /// <summary>
    /// True when the batch comes from another zone: the receiver spreads it inside its own zone
    /// (and never to another zone).
    /// </summary>
    public bool CrossZone { get; set; }

    [JsonRequired] public IReadOnlyList<ReplicationItem> Items { get; set; } = [];
}

/// <summary>Names an instance.</summary>
public sealed record InstanceKey(string Namespace, string Service, string Id);

/// <summary>Answer of <c>POST /v1/peer/replicate</c>.</summary>
public sealed record ReplicationResult
{
    /// <summary>Renewals of instances the receiver does not hold: send it their full records.</summary>
    public required IReadOnlyList<InstanceKey> Unknown { get; init; }
}
