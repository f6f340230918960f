namespace Beacon.Core.Tests.SelfPreservation;

[Trait("Category", "Unit")]
public sealed class SelfPreservationTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    /// <summary>Advances the clock in 5 s sweeps, renewing the given ids every 30 s, as clients and the eviction loop would.</summary>
    private static void Run(RegistryFixture f, TimeSpan duration, IReadOnlyList<string> renewing, ref TimeSpan clock)
    {
        var end = clock + duration;
        while (clock < end)
        {
            f.Advance(Step);
            clock += Step;
            if (clock.TotalSeconds % 30 == 0)
            {
                foreach (var id in renewing)
                {
                    f.Registry.Renew("default", "orders", id);
                }
            }

            f.Registry.EvictExpired();
        }
    }

    [Fact]
    public void ExpectedRenewals_FollowRegisterCancelAndEviction()
    {
        var f = new RegistryFixture(o => o.SelfPreservation.Enabled = false);
        f.Register(id: "a");                                       // 30 s heartbeat: 2 per minute
        f.Register(id: "b");
        f.Register(id: "c", leaseSeconds: 30, heartbeatSeconds: 10); // 6 per minute
        Assert.Equal(10, f.Registry.SelfPreservation.ExpectedPerMinute, 3);

        f.Registry.Deregister("default", "orders", "a");
        Assert.Equal(8, f.Registry.SelfPreservation.ExpectedPerMinute, 3);

        f.Registry.Register(RegistryFixture.Registration(id: "b") with { HeartbeatSeconds = 5 });
        Assert.Equal(18, f.Registry.SelfPreservation.ExpectedPerMinute, 3);

        f.Advance(TimeSpan.FromSeconds(31));
        f.Registry.EvictExpired(); // c (30 s lease) goes
        Assert.Equal(12, f.Registry.SelfPreservation.ExpectedPerMinute, 3);
    }

    [Fact]
    public void RenewalsDrop_SelfPreservationStopsEvictionUntilTheCeiling()
    {
        var f = new RegistryFixture();
        var ids = Enumerable.Range(0, 10).Select(i => $"i{i}").ToArray();
        foreach (var id in ids)
        {
            f.Register(id: id);
        }

        var clock = TimeSpan.Zero;
        Run(f, TimeSpan.FromMinutes(3), ids, ref clock);
        var healthy = f.Registry.EvaluateSelfPreservation();
        Assert.False(healthy.WarmingUp);
        Assert.False(healthy.Active);
        Assert.Equal(20, healthy.ExpectedPerMinute, 3);
        Assert.InRange(healthy.ActualPerMinute, 17, 23);

        // A network fault: only one instance's heartbeats still arrive.
        Run(f, TimeSpan.FromMinutes(5), ids[..1], ref clock);

        var faulty = f.Registry.EvaluateSelfPreservation();
        Assert.True(faulty.Active);
        Assert.Equal(10, f.Registry.InstanceCount);
        Assert.Equal(0, f.Registry.Evictions);

        // Silent past the ceiling (1 h), they go even so.
        Run(f, TimeSpan.FromHours(1), ids[..1], ref clock);
        Assert.Equal(1, f.Registry.InstanceCount);
    }

    [Fact]
    public void RenewalsRecover_SelfPreservationTurnsOff()
    {
        var f = new RegistryFixture();
        var ids = Enumerable.Range(0, 10).Select(i => $"i{i}").ToArray();
        foreach (var id in ids)
        {
            f.Register(id: id);
        }

        var clock = TimeSpan.Zero;
        Run(f, TimeSpan.FromMinutes(2), ids, ref clock);
        Run(f, TimeSpan.FromMinutes(2), ids[..1], ref clock);
        Assert.True(f.Registry.EvaluateSelfPreservation().Active);

        Run(f, TimeSpan.FromMinutes(2), ids, ref clock);
        Assert.False(f.Registry.EvaluateSelfPreservation().Active);
        Assert.Equal(10, f.Registry.InstanceCount);
    }

    [Fact]
    public void WarmUp_RateIsNotJudgedAndEvictionProceeds()
    {
        var f = new RegistryFixture(o => o.SelfPreservation.WarmUp = TimeSpan.FromMinutes(2));
        f.Register(id: "a", leaseSeconds: 6, heartbeatSeconds: 2);
        f.Register(id: "b", leaseSeconds: 6, heartbeatSeconds: 2);

        f.Advance(TimeSpan.FromSeconds(90));
        var report = f.Registry.EvictExpired();

        Assert.True(report.SelfPreservation.WarmingUp);
        Assert.False(report.SelfPreservation.Active);
        Assert.Equal(1, report.Evicted); // the 15 % cap still holds: one of two per sweep
    }

    [Fact]
    public void Disabled_NeverActive()
    {
        var f = new RegistryFixture(o => o.SelfPreservation.Enabled = false);
        f.Register();
        f.Advance(TimeSpan.FromMinutes(10));
        var state = f.Registry.EvaluateSelfPreservation();
        Assert.False(state.Enabled);
        Assert.False(state.Active);
    }
}
