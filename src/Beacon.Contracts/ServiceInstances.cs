namespace Beacon.Contracts;

/// <summary>Answer of <c>GET /v1/services/{service}</c>: the instances that pass the filters.</summary>
public sealed record ServiceInstances
{
    /// <summary>The namespace of the service.</summary>
    public required string Namespace { get; init; }

    /// <summary>The service name.</summary>
    public required string Service { get; init; }

    /// <summary>The revision of the service's last change on the answering node.</summary>
    public required long Revision { get; init; }

    /// <summary>The instances that pass the request's filters, ordered by id.</summary>
    public required IReadOnlyList<InstanceInfo> Instances { get; init; }
}
