namespace Beacon.Contracts;

/// <summary>
/// Body of <c>PATCH /v1/services/{service}/instances/{id}</c>: every field is optional and only the
/// fields present are changed.
/// </summary>
public sealed record PatchInstanceRequest
{
    /// <summary>The instance's own status.</summary>
    public InstanceStatus? Status { get; init; }

    /// <summary>
    /// An operator's override of the status, which wins over what the instance reports and survives
    /// its re-registration. The string <c>NONE</c> removes the override.
    /// </summary>
    public string? StatusOverride { get; init; }

    /// <summary>Whether the instance is healthy.</summary>
    public bool? Healthy { get; init; }

    /// <summary>Weight 0 to 10000.</summary>
    public int? Weight { get; init; }

    /// <summary>Metadata to merge: a key with a null value is removed, other keys are set.</summary>
    public IReadOnlyDictionary<string, string?>? Metadata { get; init; }
}
