namespace Beacon.Client.Picking;

/// <summary>A client's picking settings, shared by every view it builds.</summary>
internal sealed class PickPolicy(string? zone, LoadBalancingStrategy strategy, TimeSpan failureCooldown, TimeProvider time)
{
    public string? Zone { get; } = zone;

    public LoadBalancingStrategy Strategy { get; } = strategy;

    public TimeProvider Time { get; } = time;

    /// <summary>The cooldown in <see cref="TimeProvider.GetTimestamp"/> units.</summary>
    public long CooldownTimestamps { get; } = (long)(failureCooldown.TotalSeconds * time.TimestampFrequency);
}
