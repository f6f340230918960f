using System.Text.Json.Serialization;
using Beacon.Contracts.Json;

namespace Beacon.Contracts;

/// <summary>
/// Body of <c>PUT /v1/services/{service}/instances/{id}</c>. Only <see cref="Addresses"/> is required;
/// every other field has a default.
/// Settable rather than init-only: System.Text.Json reads init-only members through its
/// parameterized-constructor path, which cost a registration ~2× the parse time (profiled).
/// </summary>
public sealed record RegisterInstanceRequest
{
    /// <summary>The zone the instance runs in; defaults to the node's zone.</summary>
    public string? Zone { get; set; }

    /// <summary>Absolute URIs the instance is reachable at (1 to 16).</summary>
    [JsonConverter(typeof(AddressListConverter))]
    public IReadOnlyList<string>? Addresses { get; set; }

    /// <summary>The instance's own status; defaults to <c>UP</c>.</summary>
    public InstanceStatus? Status { get; set; }

    /// <summary>Whether the instance is healthy; defaults to true.</summary>
    public bool? Healthy { get; set; }

    /// <summary>Weight 0 to 10000; defaults to 100.</summary>
    public int? Weight { get; set; }

    /// <summary>The software version.</summary>
    public string? Version { get; set; }

    /// <summary>Free-form metadata.</summary>
    [JsonConverter(typeof(MetadataMapConverter))]
    public IReadOnlyDictionary<string, string>? Metadata { get; set; }

    /// <summary>Lease in seconds; defaults to the node's default (90).</summary>
    public int? LeaseSeconds { get; set; }

    /// <summary>Heartbeat interval in seconds; defaults to a third of the lease.</summary>
    public int? HeartbeatSeconds { get; set; }
}
