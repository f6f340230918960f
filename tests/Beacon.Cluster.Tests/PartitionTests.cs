using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Cluster.Tests;

/// <summary>
/// A partition simulated inside the process: every peer request across the cut fails, both ways
/// (probes included), as a cut link would. The real thing, with network namespaces and nft, is in
/// <see cref="NamespacePartitionTests"/>.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class PartitionTests
{
    [Fact]
    public async Task Partition_BothSidesServe_NoMassEviction_ConvergeAfterHeal()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        const int count = 12;
        for (var i = 0; i < count; i++)
        {
            await cluster[0].RegisterAsync("app", $"a-{i}", """{"addresses":["http://10.0.0.5:8080"],"leaseSeconds":5,"heartbeatSeconds":1}""");
        }

        await Eventually.TrueAsync(() => cluster.Nodes.All(n => n.Registry.FindService("default", "app")?.Snapshot.Instances.Length == count), "all have all");

        // Instances heartbeat where they live: evens at A, odds at C; every node learns where.
        async Task HeartbeatAllAsync()
        {
            for (var i = 0; i < count; i++)
            {
                var node = i % 2 == 0 ? cluster[0] : cluster[2];
                using var beat = await node.Client.PostAsync(BeaconRoutes.Heartbeat("app", $"a-{i}"), null);
                Assert.True(beat.IsSuccessStatusCode, $"a-{i} was evicted at {(i % 2 == 0 ? "A" : "C")}");
            }
        }

        await HeartbeatAllAsync();
        var viaC = TestCluster.NodeId(cluster.Ports[2]);
        await Eventually.TrueAsync(() => cluster.Nodes.All(n => n.Registry.FindService("default", "app")!.Snapshot.Instances
            .Where(x => int.Parse(x.Id[2..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1).All(x => x.Lease.RenewedVia == viaC)),
            "every node knows the odd instances heartbeat at C");

        // Cut C off from A and B.
        var (a, b, c) = (cluster.Ports[0], cluster.Ports[1], cluster.Ports[2]);
        cluster.Faults(0).CutFrom(c);
        cluster.Faults(1).CutFrom(c);
        cluster.Faults(2).CutFrom(a, b);

        // The instances keep heartbeating where they are, for two leases.
        var end = DateTime.UtcNow.AddSeconds(10);
        var wroteDuringCut = false;
        while (DateTime.UtcNow < end)
        {
            await HeartbeatAllAsync();

            if (!wroteDuringCut)
            {
                // Both sides accept registrations and reads during the cut.
                await cluster[0].RegisterAsync("written-during-cut", "on-a");
                await cluster[2].RegisterAsync("written-during-cut", "on-c");
                Assert.Single((await cluster[2].Client.GetServiceAsync("written-during-cut")).Instances);
                wroteDuringCut = true;
            }

            await Task.Delay(500);
        }

        // No node lost an instance: the side that does not get an instance's heartbeats defers.
        Assert.All(cluster.Nodes, n => Assert.Equal(count, n.Registry.FindService("default", "app")!.Snapshot.Instances.Length));
        var members = await cluster[0].MembersAsync();
        Assert.Equal(Contracts.MemberState.Down, members.Members.Single(m => m.NodeId == TestCluster.NodeId(c)).State);

        foreach (var i in Enumerable.Range(0, 3))
        {
            cluster.Faults(i).Heal();
        }

        await Eventually.TrueAsync(() => cluster.Nodes.All(n => n.Has("written-during-cut", "on-a") && n.Has("written-during-cut", "on-c")),
            "writes from both sides are everywhere after the heal");
        await Eventually.TrueAsync(() =>
        {
            var prints = cluster.Nodes.Select(n => n.Fingerprint()).ToList();
            return prints.All(p => p.SetEquals(prints[0]));
        }, "all nodes hold identical records");
    }

    [Fact]
    public async Task Partition_InstancesThatDied_AreStillEvictedBySideThatHeardThem()
    {
        await using var cluster = await TestCluster.StartAsync(3, (_, s) => s["Beacon:Registry:SelfPreservation:Enabled"] = "false");
        var (a, b, c) = (cluster.Ports[0], cluster.Ports[1], cluster.Ports[2]);
        cluster.Faults(0).CutFrom(c);
        cluster.Faults(1).CutFrom(c);
        cluster.Faults(2).CutFrom(a, b);
        await Eventually.TrueAsync(async () => (await cluster[2].MembersAsync()).Members.Count(m => m.State == Contracts.MemberState.Down) == 2, "C sees A and B down");

        // Registered at C, never renewed: C alone is responsible on its side, and heard them last.
        for (var i = 0; i < 5; i++)
        {
            await cluster[2].RegisterAsync("dead", $"d-{i}", """{"addresses":["http://10.0.0.5:8080"],"leaseSeconds":1}""");
        }

        await Eventually.TrueAsync(() => cluster[2].Registry.FindService("default", "dead")!.Snapshot.Instances.Length == 0,
            "C evicts the dead instances during the partition");
    }
}
