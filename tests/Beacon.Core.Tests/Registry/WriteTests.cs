using Beacon.Contracts;
using Beacon.Core.Model;
using Beacon.Core.Registry;

namespace Beacon.Core.Tests.Registry;

[Trait("Category", "Unit")]
public sealed class WriteTests
{
    [Fact]
    public void Renew_UnknownInstance_IsNotFound()
    {
        var f = new RegistryFixture();
        Assert.Equal(RenewOutcome.NotFound, f.Registry.Renew("default", "orders", "nope"));
        f.Register();
        Assert.Equal(RenewOutcome.NotFound, f.Registry.Renew("default", "orders", "nope"));
        Assert.Equal(RenewOutcome.NotFound, f.Registry.Renew("other", "orders", "o-1"));
    }

    [Fact]
    public void Renew_KnownInstance_MovesLeaseWithoutNewRevision()
    {
        var f = new RegistryFixture();
        var instance = f.Register();
        var revision = f.Registry.Changes.Revision;
        f.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(RenewOutcome.Renewed, f.Registry.Renew("default", "orders", "o-1"));

        Assert.Equal(f.Time.GetUtcNow().ToUnixTimeMilliseconds(), instance.Lease.LastRenewedMs);
        Assert.Equal(revision, f.Registry.Changes.Revision);
        Assert.Equal(1, f.Registry.SelfPreservation.TotalRenewals);
    }

    [Fact]
    public void Renew_WithNewStatus_RecordsStatusChange()
    {
        var f = new RegistryFixture();
        f.Register();

        f.Registry.Renew("default", "orders", "o-1", InstanceStatus.Down);

        var changed = f.Registry.FindInstance("default", "orders", "o-1")!;
        Assert.Equal(InstanceStatus.Down, changed.Status);
        Assert.Equal(f.Registry.Changes.Revision, changed.Revision);
    }

    [Fact]
    public void RenewMany_ReportsUnknownInstances()
    {
        var f = new RegistryFixture();
        f.Register(id: "a");
        f.Register(id: "b");
        f.Register(service: "pay", id: "c");
        var notFound = new List<InstanceRef>();

        var renewed = f.Registry.RenewMany("default",
        [
            new InstanceRef { Service = "orders", Id = "a" },
            new InstanceRef { Service = "orders", Id = "b" },
            new InstanceRef { Service = "orders", Id = "x" },
            new InstanceRef { Service = "pay", Id = "c" },
            new InstanceRef { Service = "ghost", Id = "a" },
        ], notFound);

        Assert.Equal(3, renewed);
        Assert.Equal(["orders/x", "ghost/a"], notFound.Select(r => $"{r.Service}/{r.Id}"));
    }

    [Fact]
    public void Patch_OverrideAndClear_ChangesEffectiveStatus()
    {
        var f = new RegistryFixture();
        f.Register();

        var outOfService = f.Registry.Patch("default", "orders", "o-1", new InstancePatch { StatusOverride = InstanceStatus.OutOfService })!;
        Assert.Equal(InstanceStatus.OutOfService, outOfService.Status);
        Assert.False(outOfService.IsPassing);

        // The instance's own report does not undo the operator's override.
        f.Registry.Renew("default", "orders", "o-1", InstanceStatus.Up);
        Assert.Equal(InstanceStatus.OutOfService, f.Registry.FindInstance("default", "orders", "o-1")!.Status);

        var back = f.Registry.Patch("default", "orders", "o-1", new InstancePatch { ClearStatusOverride = true })!;
        Assert.Equal(InstanceStatus.Up, back.Status);
        Assert.Null(back.StatusOverride);
    }

    [Fact]
    public void Patch_Metadata_MergesAndRemovesNullKeys()
    {
        var f = new RegistryFixture();
        f.Registry.Register(RegistryFixture.Registration() with { Metadata = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } });

        var patched = f.Registry.Patch("default", "orders", "o-1",
            new InstancePatch { Metadata = new Dictionary<string, string?> { ["a"] = null, ["c"] = "3" } })!;

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" }, patched.Metadata.ToDictionary());
    }

    [Fact]
    public void Patch_NothingChanges_KeepsRevision()
    {
        var f = new RegistryFixture();
        var instance = f.Register();

        var same = f.Registry.Patch("default", "orders", "o-1", new InstancePatch { Weight = 100 });

        Assert.Same(instance, same);
        Assert.Equal(instance.Revision, f.Registry.Changes.Revision);
    }

    [Fact]
    public void Patch_UnknownInstance_ReturnsNull()
    {
        var f = new RegistryFixture();
        Assert.Null(f.Registry.Patch("default", "orders", "o-1", new InstancePatch { Weight = 1 }));
    }

    [Fact]
    public void Deregister_RemovesAndRecordsChange()
    {
        var f = new RegistryFixture();
        f.Register(id: "a");
        f.Register(id: "b");

        Assert.True(f.Registry.Deregister("default", "orders", "a"));
        Assert.False(f.Registry.Deregister("default", "orders", "a"));

        var snapshot = f.Registry.FindService("default", "orders")!.Snapshot;
        Assert.Equal(["b"], snapshot.Instances.Select(i => i.Id));
        Assert.Equal(1, f.Registry.InstanceCount);
        var changes = new List<Beacon.Core.Changes.Change>();
        f.Registry.Changes.TryRead(f.Registry.Changes.Revision - 1, 10, _ => true, changes, out _);
        Assert.Equal(ChangeOp.Deregistered, Assert.Single(changes).Op);
        Assert.Equal("a", changes[0].Instance.Id);
    }

    [Fact]
    public void Committed_FiresForEveryChangeInOrder()
    {
        var f = new RegistryFixture();
        var seen = new List<(ChangeOp, long)>();
        f.Registry.Committed += c => seen.Add((c.Op, c.Revision));

        f.Register();
        f.Registry.Patch("default", "orders", "o-1", new InstancePatch { Weight = 3 });
        f.Registry.Deregister("default", "orders", "o-1");

        Assert.Equal([ChangeOp.Registered, ChangeOp.Updated, ChangeOp.Deregistered], seen.Select(s => s.Item1));
        Assert.True(seen[0].Item2 < seen[1].Item2 && seen[1].Item2 < seen[2].Item2);
    }
}
