namespace Beacon.Core.SelfPreservation;

/// <summary>The outcome of one evaluation of the renewal rate.</summary>
public readonly record struct SelfPreservationState(
    bool Enabled,
    bool Active,
    bool WarmingUp,
    double ExpectedPerMinute,
    double ActualPerMinute,
    double Threshold);
