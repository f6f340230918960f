using Beacon.Cluster.AntiEntropy;
using Beacon.Cluster.Hosting;

namespace Beacon.Cluster.Tests;

/// <summary>
/// Rounds are spaced out so that digest passes (this node's, and one per peer's round) stay within
/// the configured share of a core, between the configured interval and the maximum.
/// </summary>
public sealed class AntiEntropyIntervalTests
{
    /// <summary>The defaults: 3 s rounds, 2 % of a core, at most 60 s apart.</summary>
    private static readonly ClusterOptions Options = new();

    [Fact]
    public void TheDefaults_AreTheDocumentedOnes()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), Options.AntiEntropyInterval);
        Assert.Equal(0.02, Options.AntiEntropyCpuShare);
        Assert.Equal(TimeSpan.FromSeconds(60), Options.AntiEntropyMaxInterval);
    }

    [Fact]
    public void AnOrdinaryRegistry_KeepsTheConfiguredInterval()
    {
        // 100,000 records pass in ~5-10 ms: 3 passes of 10 ms in 3 s is 1 % of a core.
        Assert.Equal(TimeSpan.FromSeconds(3), AntiEntropyService.Interval(TimeSpan.FromMilliseconds(10), peers: 2, Options));
    }

    [Fact]
    public void LongPasses_SpaceTheRoundsOut_ToStayWithinTheCpuShare()
    {
        // 3 passes of 150 ms = 450 ms of work a round; at 2 % of a core, one round every 22.5 s.
        Assert.Equal(TimeSpan.FromSeconds(22.5), AntiEntropyService.Interval(TimeSpan.FromMilliseconds(150), peers: 2, Options));
        // More peers ask for more passes.
        Assert.Equal(TimeSpan.FromSeconds(37.5), AntiEntropyService.Interval(TimeSpan.FromMilliseconds(150), peers: 4, Options));
    }

    [Fact]
    public void TheIntervalNeverExceedsTheMaximum()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), AntiEntropyService.Interval(TimeSpan.FromSeconds(5), peers: 2, Options));
    }

    [Fact]
    public void TheIntervalMovesInWholeTenthsOfASecond()
    {
        // 3 × 101 ms / 0.02 = 15.15 s: rounded up, so a jittering pass does not change the period every round.
        Assert.Equal(TimeSpan.FromMilliseconds(15_200), AntiEntropyService.Interval(TimeSpan.FromMilliseconds(101), peers: 2, Options));
    }
}
