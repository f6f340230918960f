namespace Beacon.Contracts;

/// <summary>An instance as the registry stores it.</summary>
public sealed record InstanceInfo
{
    /// <summary>The namespace (environment or tenant) the instance lives in.</summary>
    public required string Namespace { get; init; }

    /// <summary>The service (application id) the instance belongs to.</summary>
    public required string Service { get; init; }

    /// <summary>The instance id, unique within its service.</summary>
    public required string Id { get; init; }

    /// <summary>The zone (data centre, availability zone) the instance runs in.</summary>
    public required string Zone { get; init; }

    /// <summary>Absolute URIs the instance is reachable at, such as <c>http://10.0.0.5:8080</c>.</summary>
    public required IReadOnlyList<string> Addresses { get; init; }

    /// <summary>The effective status: the operator's override if one is set, else the instance's own.</summary>
    public required InstanceStatus Status { get; init; }

    /// <summary>The status the instance itself last reported (registration, heartbeat or patch).</summary>
    public required InstanceStatus ReportedStatus { get; init; }

    /// <summary>An operator's status override (Eureka's <c>overriddenStatus</c>), or null.</summary>
    public InstanceStatus? StatusOverride { get; init; }

    /// <summary>Whether health checks (or the instance itself) report it healthy.</summary>
    public required bool Healthy { get; init; }

    /// <summary>Relative weight for load balancing, 0 to 10000; 100 is the default.</summary>
    public required int Weight { get; init; }

    /// <summary>The version of the software the instance runs, if reported.</summary>
    public string? Version { get; init; }

    /// <summary>Free-form string metadata.</summary>
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    /// <summary>Seconds without a heartbeat after which the instance is evicted.</summary>
    public required int LeaseSeconds { get; init; }

    /// <summary>Seconds between the heartbeats the instance promises to send.</summary>
    public required int HeartbeatSeconds { get; init; }

    /// <summary>When the instance was first registered.</summary>
    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>When the registry last heard a heartbeat (or registration) from the instance.</summary>
    public required DateTimeOffset LastRenewedAt { get; init; }

    /// <summary>When the instance's data last changed.</summary>
    public required DateTimeOffset LastChangedAt { get; init; }

    /// <summary>The node-local revision of the instance's last change.</summary>
    public required long Revision { get; init; }
}
