namespace Beacon.Contracts;

/// <summary>Answer of <c>GET /v1/status</c>.</summary>
public sealed record NodeStatus
{
    /// <summary>The node's id.</summary>
    public required string NodeId { get; init; }

    /// <summary>The node's zone.</summary>
    public required string Zone { get; init; }

    /// <summary>Whether the node serves reads.</summary>
    public required bool Ready { get; init; }

    /// <summary>When the node started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The node's current revision.</summary>
    public required long Revision { get; init; }

    /// <summary>Namespaces holding at least one service.</summary>
    public required int Namespaces { get; init; }

    /// <summary>Services across all namespaces.</summary>
    public required int Services { get; init; }

    /// <summary>Instances across all namespaces.</summary>
    public required int Instances { get; init; }

    /// <summary>Instances evicted since the node started.</summary>
    public required long Evictions { get; init; }

    /// <summary>The self-preservation state.</summary>
    public required SelfPreservationStatus SelfPreservation { get; init; }
}

/// <summary>Self-preservation (Eureka) or protected mode (bilibili discovery).</summary>
public sealed record SelfPreservationStatus
{
    /// <summary>Whether self-preservation is configured on.</summary>
    public required bool Enabled { get; init; }

    /// <summary>True while eviction is suspended because too few renewals arrive.</summary>
    public required bool Active { get; init; }

    /// <summary>True during the warm-up after start, when the renewal rate cannot be judged yet.</summary>
    public required bool WarmingUp { get; init; }

    /// <summary>Renewals per minute the live instances promise, from their heartbeat intervals.</summary>
    public required double ExpectedRenewalsPerMinute { get; init; }

    /// <summary>Renewals received in the last minute (extrapolated while warming up).</summary>
    public required double ActualRenewalsPerMinute { get; init; }

    /// <summary>The fraction of expected renewals below which eviction stops.</summary>
    public required double Threshold { get; init; }
}
