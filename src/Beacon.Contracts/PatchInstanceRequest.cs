namespace Beacon.Contracts;

/// <summary>
/// Body of <c>PATCH /v1/services/{service}/instances/{id}</c>: every field is optional and only the
/// fields present are changed.
/// Settable rather than init-only: System.Text.Json reads init-only members through its
/// parameterized-constructor path, which cost a registration ~2× the parse time (profiled).
/// </summary>
public sealed record PatchInstanceRequest
{
    /// <summary>The instance's own status.</summary>
    public InstanceStatus? Status { get; set; }

    /// <summary>
    /// An operator's override of the status, which wins over what the instance reports and survives
    /// its re-registration. The string <c>NONE</c> removes the override.
    /// </summary>
    public string? StatusOverride { get; set; }

    /// <summary>Whether the instance is healthy.</summary>
    public bool? Healthy { get; set; }

    /// <summary>Weight 0 to 10000.</summary>
    public int? Weight { get; set; }

    /// <summary>Metadata to merge: a key with a null value is removed, other keys are set.</summary>
    public IReadOnlyDictionary<string, string?>? Metadata { get; set; }
}
