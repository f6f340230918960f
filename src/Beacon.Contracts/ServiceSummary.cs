namespace Beacon.Contracts;

/// <summary>One service in <c>GET /v1/services</c>.</summary>
public sealed record ServiceSummary
{
    /// <summary>The service name.</summary>
    public required string Service { get; init; }

    /// <summary>How many instances are registered.</summary>
    public required int Instances { get; init; }

    /// <summary>How many of them are UP and healthy.</summary>
    public required int Up { get; init; }

    /// <summary>The revision of the service's last change.</summary>
    public required long Revision { get; init; }
}

/// <summary>Answer of <c>GET /v1/services</c>.</summary>
public sealed record ServiceList
{
    /// <summary>The namespace listed.</summary>
    public required string Namespace { get; init; }

    /// <summary>The node's current revision.</summary>
    public required long Revision { get; init; }

    /// <summary>The services, ordered by name.</summary>
    public required IReadOnlyList<ServiceSummary> Services { get; init; }
}
