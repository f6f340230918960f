namespace Beacon.Contracts;

/// <summary>Names one instance of a service.</summary>
public sealed record InstanceRef
{
    /// <summary>The service name.</summary>
    public required string Service { get; init; }

    /// <summary>The instance id.</summary>
    public required string Id { get; init; }
}

/// <summary>Body of <c>POST /v1/heartbeats</c>: renew many instances in one request.</summary>
public sealed record HeartbeatBatchRequest
{
    /// <summary>The namespace of every instance in the batch; defaults to <c>default</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary>The instances to renew (at most 10,000).</summary>
    public IReadOnlyList<InstanceRef>? Instances { get; init; }
}

/// <summary>Answer of <c>POST /v1/heartbeats</c>.</summary>
public sealed record HeartbeatBatchResult
{
    /// <summary>How many instances were renewed.</summary>
    public required int Renewed { get; init; }

    /// <summary>The instances the registry does not know: register them again.</summary>
    public required IReadOnlyList<InstanceRef> NotFound { get; init; }
}
