using Beacon.Contracts;

namespace Beacon.Core.Model;

/// <summary>A partial change to an instance; null fields are left as they are.</summary>
public sealed record InstancePatch
{
    public InstanceStatus? Status { get; init; }

    /// <summary>Sets the operator's status override.</summary>
    public InstanceStatus? StatusOverride { get; init; }

    /// <summary>Removes the operator's status override (wins over <see cref="StatusOverride"/>).</summary>
    public bool ClearStatusOverride { get; init; }

    public bool? Healthy { get; init; }

    public int? Weight { get; init; }

    /// <summary>Metadata to merge; a null value removes its key.</summary>
    public IReadOnlyDictionary<string, string?>? Metadata { get; init; }

    public bool IsEmpty =>
        Status is null && StatusOverride is null && !ClearStatusOverride && Healthy is null &&
        Weight is null && (Metadata is null || Metadata.Count == 0);
}
