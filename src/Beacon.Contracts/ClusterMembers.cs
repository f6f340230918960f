using System.Text.Json.Serialization;

namespace Beacon.Contracts;

/// <summary>How a node of the cluster sees one member.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemberState>))]
public enum MemberState : byte
{
    /// <summary>Heard from recently: replication to it works.</summary>
    [JsonStringEnumMemberName("up")] Up,

    /// <summary>Missed recent contacts; it may be slow or partitioned away. Its instances are not evicted by others.</summary>
    [JsonStringEnumMemberName("suspect")] Suspect,

    /// <summary>Not answering: its responsibilities moved; anti-entropy catches it up when it returns.</summary>
    [JsonStringEnumMemberName("down")] Down,
}

/// <summary>One member of the cluster, as the answering node sees it.</summary>
public sealed record ClusterMember
{
    /// <summary>The member's node id, e.g. <c>127.0.0.1:8881</c>.</summary>
    public required string NodeId { get; init; }

    /// <summary>The base URL the member serves the API at, e.g. <c>http://127.0.0.1:8881</c>.</summary>
    public required string Address { get; init; }

    /// <summary>The member's zone; null until the answering node has heard from it.</summary>
    public string? Zone { get; init; }

    /// <summary>Whether the member is up, suspect or down.</summary>
    public required MemberState State { get; init; }

    /// <summary>
    /// Whether the member holds the registry (it has finished copying it at start), as its last probe
    /// answer said; false until it answers, and again after a silence. For the answering node, its own
    /// readiness (<c>/readyz</c>).
    /// </summary>
    public bool Ready { get; init; }

    /// <summary>True for the node that answered.</summary>
    public required bool Self { get; init; }

    /// <summary>When the answering node last heard from the member; null for itself or if never.</summary>
    public DateTimeOffset? LastContact { get; init; }

    /// <summary>Changes waiting to be replicated to the member (0 for the answering node itself).</summary>
    public required long ReplicationBacklog { get; init; }

    /// <summary>Changes to it that failed after retries, or were dropped (queue overflow, member down).</summary>
    public long ReplicationFailures { get; init; }

    /// <summary>Whether the last anti-entropy round found it in sync with the answering node (null: no round yet, or itself).</summary>
    public bool? InSync { get; init; }
}

/// <summary>Answer of <c>GET /v1/cluster/members</c>. A single node without a cluster answers 404.</summary>
public sealed record ClusterMembers
{
    /// <summary>The answering node's id.</summary>
    public string? NodeId { get; init; }

    /// <summary>
    /// True when the last anti-entropy round found every reachable peer holding the same records the
    /// answering node is responsible for.
    /// </summary>
    public bool Converged { get; init; }

    /// <summary>Records the answering node sent to repair peers since it started.</summary>
    public long RepairedRecords { get; init; }

    /// <summary>Every member the answering node knows, itself included.</summary>
    public required IReadOnlyList<ClusterMember> Members { get; init; }
}
