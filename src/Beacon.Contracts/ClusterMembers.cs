namespace Beacon.Contracts;

/// <summary>Answer of <c>GET /v1/cluster/members</c>: the cluster as the answering node sees it.</summary>
public sealed record ClusterMembers
{
    /// <summary>The answering node's id.</summary>
    public required string NodeId { get; init; }

    /// <summary>
    /// True when the last anti-entropy round found every reachable peer holding the same records this
    /// node is responsible for.
    /// </summary>
    public required bool Converged { get; init; }

    /// <summary>Records sent to repair peers since this node started.</summary>
    public required long RepairedRecords { get; init; }

    /// <summary>Every member, this node included.</summary>
    public required IReadOnlyList<ClusterMember> Members { get; init; }
}

/// <summary>One member of the cluster.</summary>
public sealed record ClusterMember
{
    /// <summary>The node id, <c>host:port</c>.</summary>
    public required string NodeId { get; init; }

    /// <summary>The node's base URL.</summary>
    public required string Address { get; init; }

    /// <summary>The node's zone, once known.</summary>
    public string? Zone { get; init; }

    /// <summary><c>up</c>, <c>suspect</c> or <c>down</c>.</summary>
    public required string State { get; init; }

    /// <summary>True for the answering node.</summary>
    public required bool Self { get; init; }

    /// <summary>When the answering node last heard from it.</summary>
    public DateTimeOffset? LastContact { get; init; }

    /// <summary>Replication batches waiting to be sent to it.</summary>
    public required int ReplicationBacklog { get; init; }

    /// <summary>Replication batches to it that failed after retries, or were dropped.</summary>
    public required long ReplicationFailures { get; init; }

    /// <summary>Whether the last anti-entropy round found it in sync with the answering node (null: no round yet).</summary>
    public bool? InSync { get; init; }
}
