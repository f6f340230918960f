using Beacon.Contracts;

namespace Beacon.Core.Tests.Registry;

[Trait("Category", "Unit")]
public sealed class EvictionTests
{
    private static RegistryFixture WithoutSelfPreservation() =>
        new(o => o.SelfPreservation.Enabled = false);

    [Fact]
    public void Evict_HonoursTheLeaseExactly()
    {
        var f = WithoutSelfPreservation();
        f.Register(leaseSeconds: 10);

        f.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, f.Registry.EvictExpired().Evicted);

        f.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, f.Registry.EvictExpired().Evicted);
        Assert.Null(f.Registry.FindInstance("default", "orders", "o-1"));
        Assert.Equal(0, f.Registry.InstanceCount);
        Assert.Equal(1, f.Registry.Evictions);
    }

    [Fact]
    public void Evict_RenewedInstance_IsKept()
    {
        var f = WithoutSelfPreservation();
        f.Register(leaseSeconds: 10);

        for (var i = 0; i < 10; i++)
        {
            f.Advance(TimeSpan.FromSeconds(9));
            f.Registry.Renew("default", "orders", "o-1");
            Assert.Equal(0, f.Registry.EvictExpired().Evicted);
        }

        Assert.NotNull(f.Registry.FindInstance("default", "orders", "o-1"));
    }

    [Fact]
    public void Evict_EachInstanceByItsOwnLease()
    {
        var f = WithoutSelfPreservation();
        f.Register(id: "short", leaseSeconds: 6);
        f.Register(id: "long", leaseSeconds: 90);

        f.Advance(TimeSpan.FromSeconds(7));
        f.Registry.EvictExpired();

        Assert.Null(f.Registry.FindInstance("default", "orders", "short"));
        Assert.NotNull(f.Registry.FindInstance("default", "orders", "long"));
    }

    [Fact]
    public void Evict_CapsEachSweepAt15PercentAndFinishesLater()
    {
        var f = WithoutSelfPreservation();
        for (var i = 0; i < 100; i++)
        {
            f.Register(service: $"s{i % 10}", id: $"i{i}", leaseSeconds: 10);
        }

        f.Advance(TimeSpan.FromSeconds(11));
        var first = f.Registry.EvictExpired();

        Assert.Equal(100, first.Expired);
        Assert.Equal(15, first.Evicted);
        Assert.Equal(85, f.Registry.InstanceCount);

        var sweeps = 1;
        while (f.Registry.InstanceCount > 0 && sweeps < 100)
        {
            f.Registry.EvictExpired();
            sweeps++;
        }

        Assert.Equal(0, f.Registry.InstanceCount);
        Assert.Equal(100, f.Registry.Evictions);
    }

    [Fact]
    public void Evict_ProducesEvictedChange()
    {
        var f = WithoutSelfPreservation();
        f.Register(leaseSeconds: 5);
        var before = f.Registry.Changes.Revision;
        f.Advance(TimeSpan.FromSeconds(6));

        f.Registry.EvictExpired();

        var changes = new List<Beacon.Core.Changes.Change>();
        Assert.True(f.Registry.Changes.TryRead(before, 10, _ => true, changes, out _));
        var change = Assert.Single(changes);
        Assert.Equal(ChangeOp.Evicted, change.Op);
        Assert.Equal("o-1", change.Instance.Id);
        Assert.Equal(change.Revision, f.Registry.FindService("default", "orders")!.Snapshot.Revision);
    }

    [Fact]
    public async Task Evict_WaitersOnTheServiceAreWoken()
    {
        var f = WithoutSelfPreservation();
        f.Register(leaseSeconds: 5);
        var wake = f.Registry.FindService("default", "orders")!.Changed.WaitAsync();
        Assert.False(wake.IsCompleted);

        f.Advance(TimeSpan.FromSeconds(6));
        f.Registry.EvictExpired();

        await wake.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
