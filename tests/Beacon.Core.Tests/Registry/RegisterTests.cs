using Beacon.Contracts;
using Beacon.Core.Model;

namespace Beacon.Core.Tests.Registry;

[Trait("Category", "Unit")]
public sealed class RegisterTests
{
    [Fact]
    public void Register_NewInstance_FillsDefaultsAndStampsRevision()
    {
        var f = new RegistryFixture();
        var result = f.Registry.Register(RegistryFixture.Registration());

        Assert.True(result.Created);
        var i = result.Instance;
        Assert.Equal("default", i.Zone);
        Assert.Equal(InstanceStatus.Up, i.Status);
        Assert.True(i.Healthy);
        Assert.Equal(100, i.Weight);
        Assert.Equal(90, i.LeaseSeconds);
        Assert.Equal(30, i.HeartbeatSeconds);
        Assert.Equal(f.Registry.Changes.Revision, i.Revision);
        Assert.Equal(f.Time.GetUtcNow().ToUnixTimeMilliseconds(), i.RegisteredAtMs);
        Assert.Equal(1, f.Registry.InstanceCount);
    }

    [Fact]
    public void Register_SameDataAgain_IsIdempotentButRenews()
    {
        var f = new RegistryFixture();
        var first = f.Register();
        f.Advance(TimeSpan.FromSeconds(10));

        var again = f.Registry.Register(RegistryFixture.Registration());

        Assert.False(again.Created);
        Assert.Same(first, again.Instance);
        Assert.Equal(first.Revision, f.Registry.Changes.Revision);
        Assert.Equal(f.Time.GetUtcNow().ToUnixTimeMilliseconds(), again.Instance.Lease.LastRenewedMs);
    }

    [Fact]
    public void Register_ChangedData_ReplacesAndKeepsRegistrationTime()
    {
        var f = new RegistryFixture();
        var first = f.Register();
        f.Advance(TimeSpan.FromSeconds(1));

        var replaced = f.Registry.Register(RegistryFixture.Registration() with { Weight = 5, Version = "2.0" }).Instance;

        Assert.Equal(5, replaced.Weight);
        Assert.Equal("2.0", replaced.Version);
        Assert.True(replaced.Revision > first.Revision);
        Assert.Equal(first.RegisteredAtMs, replaced.RegisteredAtMs);
        Assert.Same(first.Lease, replaced.Lease);
        Assert.Equal(1, f.Registry.InstanceCount);
    }

    [Fact]
    public void Register_Again_KeepsOperatorStatusOverride()
    {
        var f = new RegistryFixture();
        f.Register();
        f.Registry.Patch("default", "orders", "o-1", new InstancePatch { StatusOverride = InstanceStatus.OutOfService });

        var again = f.Registry.Register(RegistryFixture.Registration() with { Version = "2" }).Instance;

        Assert.Equal(InstanceStatus.OutOfService, again.Status);
        Assert.Equal(InstanceStatus.Up, again.ReportedStatus);
    }

    [Fact]
    public void Register_ManyInstances_SnapshotIsSortedAndFindable()
    {
        var f = new RegistryFixture();
        foreach (var id in new[] { "c", "a", "e", "b", "d" })
        {
            f.Register(id: id);
        }

        var snapshot = f.Registry.FindService("default", "orders")!.Snapshot;
        Assert.Equal(["a", "b", "c", "d", "e"], snapshot.Instances.Select(i => i.Id));
        Assert.Equal("d", snapshot.Find("d")!.Id);
        Assert.Null(snapshot.Find("zz"));
        Assert.Equal(f.Registry.Changes.Revision, snapshot.Revision);
    }

    [Fact]
    public void Register_SameIdInOtherNamespace_IsSeparate()
    {
        var f = new RegistryFixture();
        f.Registry.Register(RegistryFixture.Registration(ns: "prod"));
        f.Registry.Register(RegistryFixture.Registration(ns: "test"));

        Assert.Equal(2, f.Registry.InstanceCount);
        Assert.NotNull(f.Registry.FindInstance("prod", "orders", "o-1"));
        Assert.Null(f.Registry.FindInstance("default", "orders", "o-1"));
    }

    [Fact]
    public async Task Register_ConcurrentWriters_LoseNothing()
    {
        var f = new RegistryFixture();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                f.Register(service: $"s{i % 7}", id: $"t{t}-{i}");
                f.Registry.Renew("default", $"s{i % 7}", $"t{t}-{i}");
            }
        })));

        Assert.Equal(4000, f.Registry.InstanceCount);
        Assert.Equal(4000, f.Registry.FindNamespace("default")!.Services.Sum(s => s.Snapshot.Instances.Length));
        Assert.Equal(f.Registry.Changes.BaseRevision + 4000, f.Registry.Changes.Revision);
    }
}
