using Beacon.Client.Tests.Support;
using Beacon.Contracts;
using Microsoft.Extensions.Time.Testing;
using static Beacon.Client.Tests.Support.Views;

namespace Beacon.Client.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class PickingTests
{
    private const int Picks = 60_000;

    [Fact]
    public void WeightedRandom_ManyPicks_FollowWeights()
    {
        var view = Of([Instance("a", weight: 100), Instance("b", weight: 200), Instance("c", weight: 300)]);

        var counts = Count(view, Picks);

        // Expected shares 1/6, 2/6, 3/6; 60,000 picks put 3 standard deviations under 0.6 points.
        Assert.InRange(counts["a"] / (double)Picks, 1 / 6.0 - 0.015, 1 / 6.0 + 0.015);
        Assert.InRange(counts["b"] / (double)Picks, 2 / 6.0 - 0.015, 2 / 6.0 + 0.015);
        Assert.InRange(counts["c"] / (double)Picks, 3 / 6.0 - 0.015, 3 / 6.0 + 0.015);
    }

    [Fact]
    public void RoundRobin_ManyPicks_EveryInstanceEqually()
    {
        var view = Of([Instance("a", weight: 100), Instance("b", weight: 500), Instance("c")], strategy: LoadBalancingStrategy.RoundRobin);

        var counts = Count(view, 3000);

        Assert.All(counts.Values, count => Assert.Equal(1000, count));
    }

    [Fact]
    public void TryPick_CallerZoneHasHealthyInstances_PicksOnlyThere()
    {
        var view = Of([Instance("a", zone: "z1"), Instance("b", zone: "z2"), Instance("c", zone: "z2")], zone: "z1");

        var counts = Count(view, 1000);

        Assert.Equal(1000, counts["a"]);
        Assert.Equal(["a"], view.Candidates.Select(i => i.Id));
    }

    [Fact]
    public void TryPick_CallerZoneHasOnlyDownInstances_UsesOtherZones()
    {
        var view = Of([Instance("a", zone: "z1", status: InstanceStatus.Down), Instance("b", zone: "z2"), Instance("c", zone: "z3")], zone: "z1");

        var counts = Count(view, 1000);

        Assert.False(counts.ContainsKey("a"));
        Assert.Equal(1000, counts["b"] + counts["c"]);
    }

    [Fact]
    public void TryPick_DownUnhealthyOutOfServiceAndZeroWeight_AreNeverPicked()
    {
        var view = Of([
            Instance("down", status: InstanceStatus.Down),
            Instance("sick", healthy: false),
            Instance("oos", status: InstanceStatus.OutOfService),
            Instance("drain", weight: 0),
            Instance("ok"),
        ]);

        var counts = Count(view, 500);

        Assert.Equal(500, counts["ok"]);
        Assert.Equal(5, view.Instances.Count);
        Assert.Equal(["drain", "ok"], view.Available.Select(i => i.Id).Order());
    }

    [Fact]
    public void TryPick_NoCandidate_ReturnsFalseAndPickThrows()
    {
        var view = Of([Instance("down", status: InstanceStatus.Down)]);

        Assert.False(view.TryPick(out _));
        Assert.Throws<NoAvailableInstanceException>(() => view.Pick());
    }

    [Fact]
    public void MarkFailed_DuringCooldown_InstanceIsSkipped_AfterItIsBack()
    {
        var time = new FakeTimeProvider();
        var view = Of([Instance("a"), Instance("b"), Instance("c")], time: time);

        Assert.True(view.MarkFailed("a"));
        var during = Count(view, 3000);
        time.Advance(TimeSpan.FromSeconds(11));
        var after = Count(view, 3000);

        Assert.False(during.ContainsKey("a"));
        Assert.True(after["a"] > 500, $"a picked {after.GetValueOrDefault("a")} times after the cooldown");
    }

    [Fact]
    public void MarkFailed_EveryLocalInstance_FallsBackToOtherZones()
    {
        var time = new FakeTimeProvider();
        var view = Of([Instance("a", zone: "z1"), Instance("b", zone: "z2")], zone: "z1", time: time);

        view.MarkFailed("a");

        Assert.Equal(1000, Count(view, 1000)["b"]);
    }

    [Fact]
    public void MarkFailed_EveryInstance_StillPicksOne()
    {
        var time = new FakeTimeProvider();
        var view = Of([Instance("a"), Instance("b")], time: time);

        view.MarkFailed("a");
        view.MarkFailed("b");

        Assert.True(view.TryPick(out _));
    }

    [Fact]
    public void NewVersion_CarriesFailureMarks()
    {
        var time = new FakeTimeProvider();
        var first = Of([Instance("a"), Instance("b")], time: time);
        first.MarkFailed("a");

        var second = Of([Instance("a"), Instance("b"), Instance("c")], time: time, previous: first);

        Assert.False(Count(second, 2000).ContainsKey("a"));
    }

    [Fact]
    public void TryPick_CachedService_AllocatesNothing()
    {
        var weighted = Of(Enumerable.Range(0, 100).Select(i => Instance($"i{i}", weight: 1 + i, zone: i % 3 == 0 ? "z1" : "z2")), zone: "z1");
        var roundRobin = Of(Enumerable.Range(0, 100).Select(i => Instance($"i{i}")), strategy: LoadBalancingStrategy.RoundRobin);
        weighted.TryPick(out _);
        roundRobin.TryPick(out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            weighted.TryPick(out _);
            roundRobin.TryPick(out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static Dictionary<string, int> Count(ServiceView view, int picks)
    {
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < picks; i++)
        {
            Assert.True(view.TryPick(out var instance));
            counts[instance.Id] = counts.GetValueOrDefault(instance.Id) + 1;
        }

        return counts;
    }
}
