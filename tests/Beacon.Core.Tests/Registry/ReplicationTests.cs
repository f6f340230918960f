using Beacon.Contracts;
using Beacon.Core.Model;
using Beacon.Core.Registry;
using Beacon.Core.Versioning;

namespace Beacon.Core.Tests.Registry;

/// <summary>Writes from peers: the newest stamp wins in any order of arrival, removals leave tombstones.</summary>
[Trait("Category", "Unit")]
public sealed class ReplicationTests
{
    private static Instance Record(RegistryFixture f, long clock, string origin, int weight = 100, string id = "o-1") => new()
    {
        Namespace = "default",
        Service = "orders",
        Id = id,
        Zone = "z1",
        Addresses = ["http://10.0.0.5:8080"],
        ReportedStatus = InstanceStatus.Up,
        Healthy = true,
        Weight = weight,
        Metadata = Metadata.Empty,
        LeaseSeconds = 90,
        HeartbeatSeconds = 30,
        RegisteredAtMs = f.Time.GetUtcNow().ToUnixTimeMilliseconds(),
        LastChangedAtMs = f.Time.GetUtcNow().ToUnixTimeMilliseconds(),
        Stamp = new Stamp(clock, origin),
        Lease = new Lease(f.Time.GetUtcNow().ToUnixTimeMilliseconds(), origin),
    };

    private static RegistryFixture Node(string id = "node-a") => new(o => o.NodeId = id);

    [Fact]
    public void ApplyReplica_NewerWinsInEitherOrder()
    {
        var a = Node();
        var b = Node();
        var older = Record(a, 100, "x", weight: 1);
        var newer = Record(a, 200, "x", weight: 2);

        Assert.Equal(ApplyOutcome.Applied, a.Registry.ApplyReplica(older));
        Assert.Equal(ApplyOutcome.Applied, a.Registry.ApplyReplica(newer));
        Assert.Equal(ApplyOutcome.Applied, b.Registry.ApplyReplica(newer));
        Assert.Equal(ApplyOutcome.Stale, b.Registry.ApplyReplica(older));

        Assert.Equal(2, a.Registry.FindInstance("default", "orders", "o-1")!.Weight);
        Assert.Equal(2, b.Registry.FindInstance("default", "orders", "o-1")!.Weight);
    }

    [Fact]
    public void ApplyReplica_SameClock_OriginBreaksTheTie()
    {
        var a = Node();
        var b = Node();
        var fromX = Record(a, 100, "node-x", weight: 1);
        var fromY = Record(a, 100, "node-y", weight: 2);

        a.Registry.ApplyReplica(fromX);
        a.Registry.ApplyReplica(fromY);
        b.Registry.ApplyReplica(fromY);
        b.Registry.ApplyReplica(fromX);

        Assert.Equal(2, a.Registry.FindInstance("default", "orders", "o-1")!.Weight);
        Assert.Equal(2, b.Registry.FindInstance("default", "orders", "o-1")!.Weight);
    }

    [Fact]
    public void ApplyReplica_MarksChangesReplicated()
    {
        var f = Node();
        var seen = new List<bool>();
        f.Registry.Committed += c => seen.Add(c.Replicated);

        f.Registry.ApplyReplica(Record(f, 100, "x"));
        f.Register(id: "local");

        Assert.Equal([true, false], seen);
    }

    [Fact]
    public void ApplyReplica_StaleRecord_StillMergesTheLease()
    {
        var f = Node();
        f.Registry.ApplyReplica(Record(f, 200, "x"));
        f.Advance(TimeSpan.FromSeconds(20));
        var staleButFresherLease = Record(f, 100, "y");

        Assert.Equal(ApplyOutcome.Stale, f.Registry.ApplyReplica(staleButFresherLease));

        var lease = f.Registry.FindInstance("default", "orders", "o-1")!.Lease;
        Assert.Equal(f.Time.GetUtcNow().ToUnixTimeMilliseconds(), lease.LastRenewedMs);
        Assert.Equal("y", lease.RenewedVia);
    }

    [Fact]
    public void Removal_ThenOlderRecord_StaysRemoved()
    {
        var f = Node();
        f.Registry.ApplyReplica(Record(f, 100, "x"));

        Assert.Equal(ApplyOutcome.Applied, f.Registry.ApplyReplicaRemoval("default", "orders", "o-1", new Stamp(200, "x"), ChangeOp.Deregistered));
        Assert.Equal(ApplyOutcome.Stale, f.Registry.ApplyReplica(Record(f, 150, "z")));

        Assert.Null(f.Registry.FindInstance("default", "orders", "o-1"));
        Assert.Equal(0, f.Registry.InstanceCount);
    }

    [Fact]
    public void Removal_BeforeTheRecordArrives_LeavesATombstone()
    {
        var f = Node();

        Assert.Equal(ApplyOutcome.Applied, f.Registry.ApplyReplicaRemoval("default", "orders", "o-1", new Stamp(200, "x"), ChangeOp.Evicted));
        Assert.Equal(ApplyOutcome.Stale, f.Registry.ApplyReplica(Record(f, 100, "x")));
        Assert.Equal(ApplyOutcome.Applied, f.Registry.ApplyReplica(Record(f, 300, "x")));

        Assert.NotNull(f.Registry.FindInstance("default", "orders", "o-1"));
        Assert.Empty(f.Registry.FindService("default", "orders")!.Tombstones);
    }

    [Fact]
    public void Removal_OlderThanTheRecord_IsStale()
    {
        var f = Node();
        f.Registry.ApplyReplica(Record(f, 300, "x"));
        Assert.Equal(ApplyOutcome.Stale, f.Registry.ApplyReplicaRemoval("default", "orders", "o-1", new Stamp(200, "x"), ChangeOp.Deregistered));
        Assert.NotNull(f.Registry.FindInstance("default", "orders", "o-1"));
    }

    [Fact]
    public void LocalWrite_AfterSeeingAFutureStamp_StampsHigher()
    {
        var f = Node();
        var future = (f.Time.GetUtcNow().ToUnixTimeMilliseconds() + 60_000) << 16;
        f.Registry.ApplyReplica(Record(f, future, "fast-clock"));

        var local = f.Registry.Patch("default", "orders", "o-1", new InstancePatch { Weight = 9 })!;

        Assert.True(local.Stamp.Clock > future);
        Assert.Equal("node-a", local.Stamp.Origin);
    }

    [Fact]
    public void LocalDeregister_LeavesTombstone_PurgedAfterTtl()
    {
        var f = new RegistryFixture(o => o.TombstoneTtl = TimeSpan.FromMinutes(10));
        f.Register();
        f.Registry.Deregister("default", "orders", "o-1");
        var tombstone = Assert.Single(f.Registry.FindService("default", "orders")!.Tombstones).Value;
        Assert.Equal(ChangeOp.Deregistered, tombstone.Op);

        f.Advance(TimeSpan.FromMinutes(9));
        f.Registry.EvictExpired();
        Assert.Single(f.Registry.FindService("default", "orders")!.Tombstones);

        f.Advance(TimeSpan.FromMinutes(2));
        f.Registry.EvictExpired();
        Assert.Empty(f.Registry.FindService("default", "orders")!.Tombstones);
    }

    [Fact]
    public void Renewal_UnknownInstance_AsksForTheRecord()
    {
        var f = Node();
        Assert.Equal(ApplyOutcome.Unknown, f.Registry.ApplyReplicaRenewal("default", "orders", "o-1", 1, "x"));
        f.Registry.ApplyReplica(Record(f, 100, "x"));
        f.Advance(TimeSpan.FromSeconds(5));
        var at = f.Time.GetUtcNow().ToUnixTimeMilliseconds();

        Assert.Equal(ApplyOutcome.Applied, f.Registry.ApplyReplicaRenewal("default", "orders", "o-1", at, "node-b"));
        var lease = f.Registry.FindInstance("default", "orders", "o-1")!.Lease;
        Assert.Equal(at, lease.LastRenewedMs);
        Assert.Equal("node-b", lease.RenewedVia);
        Assert.Equal(1, f.Registry.SelfPreservation.TotalRenewals);
    }

    [Fact]
    public void EvictionPolicy_KeepsWhatItRefuses()
    {
        var f = new RegistryFixture(o => o.SelfPreservation.Enabled = false);
        f.Registry.EvictionPolicy = new OnlyIds("mine");
        f.Register(id: "mine", leaseSeconds: 5);
        f.Register(id: "theirs", leaseSeconds: 5);
        f.Advance(TimeSpan.FromSeconds(6));

        var report = f.Registry.EvictExpired();

        Assert.Equal(1, report.Evicted);
        Assert.Equal(1, report.Deferred);
        Assert.Equal(0, report.Protected);
        Assert.NotNull(f.Registry.FindInstance("default", "orders", "theirs"));
    }

    private sealed class OnlyIds(params string[] ids) : IEvictionPolicy
    {
        public bool MayEvict(Instance instance, long silentMs) => ids.Contains(instance.Id);
    }
}
