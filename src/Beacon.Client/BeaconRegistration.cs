using Beacon.Contracts;

namespace Beacon.Client;

/// <summary>
/// An instance this process registers and keeps alive. Only <see cref="Service"/>, <see cref="Id"/>
/// and <see cref="Addresses"/> are required; the rest default on the registry.
/// </summary>
public sealed class BeaconRegistration
{
    /// <summary>The service (application) name, e.g. <c>orders</c>.</summary>
    public required string Service { get; init; }

    /// <summary>The instance id, unique within the service, e.g. <c>orders-10.0.0.5-8080</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Absolute URIs the instance is reachable at, such as <c>http://10.0.0.5:8080</c>.</summary>
    public required IReadOnlyList<string> Addresses { get; init; }

    /// <summary>The zone; null: the client's <see cref="BeaconClientOptions.Zone"/>, else the node's.</summary>
    public string? Zone { get; init; }

    /// <summary>Relative weight 0 to 10000; null: 100. Weight 0 takes no traffic.</summary>
    public int? Weight { get; init; }

    /// <summary>The software version.</summary>
    public string? Version { get; init; }

    /// <summary>Free-form metadata.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>The status to register with. Default <see cref="InstanceStatus.Up"/>.</summary>
    public InstanceStatus Status { get; init; } = InstanceStatus.Up;

    /// <summary>The lease in seconds; null: <see cref="BeaconClientOptions.LeaseSeconds"/>.</summary>
    public int? LeaseSeconds { get; init; }
}
