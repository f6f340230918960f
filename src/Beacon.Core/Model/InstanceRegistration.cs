using Beacon.Contracts;

namespace Beacon.Core.Model;

/// <summary>A request to register (or re-register) an instance, before validation and defaults.</summary>
public sealed record InstanceRegistration
{
    public required string Namespace { get; init; }

    public required string Service { get; init; }

    public required string Id { get; init; }

    public string? Zone { get; init; }

    public IReadOnlyList<string>? Addresses { get; init; }

    public InstanceStatus? Status { get; init; }

    public bool? Healthy { get; init; }

    public int? Weight { get; init; }

    public string? Version { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public int? LeaseSeconds { get; init; }

    public int? HeartbeatSeconds { get; init; }
}
