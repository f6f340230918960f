using System.Text.Json.Serialization;

namespace Beacon.Contracts;

/// <summary>How a node of the cluster sees one member.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemberState>))]
public enum MemberState : byte
{
    /// <summary>Answering: replication to it works.</summary>
    [JsonStringEnumMemberName("up")] Up,

    /// <summary>Missed recent contacts; it may be slow or partitioned away.</summary>
    [JsonStringEnumMemberName("suspect")] Suspect,

    /// <summary>Not answering: changes for it queue up until it returns (or are repaired by anti-entropy).</summary>
    [JsonStringEnumMemberName("down")] Down,
}

/// <summary>One member of the cluster, as the answering node sees it.</summary>
public sealed record ClusterMember
{
    /// <summary>The member's node id, e.g. <c>127.0.0.1:8881</c>.</summary>
    public required string NodeId { get; init; }

    /// <summary>The base URL the member serves the API at, e.g. <c>http://127.0.0.1:8881</c>.</summary>
    public required string Address { get; init; }

    /// <summary>The member's zone.</summary>
    public required string Zone { get; init; }

    /// <summary>Whether the member is up, suspect or down.</summary>
    public required MemberState State { get; init; }

    /// <summary>True for the node that answered.</summary>
    public required bool Self { get; init; }

    /// <summary>When the answering node last heard from the member; null for itself or if never.</summary>
    public DateTimeOffset? LastContact { get; init; }

    /// <summary>Changes waiting to be replicated to the member (0 for the answering node itself).</summary>
    public required long ReplicationBacklog { get; init; }
}

/// <summary>Answer of <c>GET /v1/cluster/members</c>. A single node without a cluster answers 404.</summary>
public sealed record ClusterMembers
{
    /// <summary>Every member the answering node knows, itself included.</summary>
    public required IReadOnlyList<ClusterMember> Members { get; init; }
}
