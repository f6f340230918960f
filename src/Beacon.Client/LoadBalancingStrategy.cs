namespace Beacon.Client;

/// <summary>How <see cref="ServiceView.TryPick"/> chooses among the candidate instances of a service.</summary>
public enum LoadBalancingStrategy
{
    /// <summary>
    /// Random, in proportion to each instance's <c>weight</c> (Nacos and Polaris' default): an instance of
    /// weight 200 gets twice the calls of one of weight 100. Needs no shared state between callers.
    /// </summary>
    WeightedRandom,

    /// <summary>Each candidate in turn, ignoring weights (weight 0 still means "no traffic").</summary>
    RoundRobin,
}
