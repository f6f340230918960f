using Beacon.TestKit;

namespace Beacon.Cluster.Tests;

/// <summary>Only the responsible node evicts; responsibility moves with membership; no double evictions.</summary>
[Trait("Category", "Cluster")]
public sealed class EvictionTests
{
    private static void NoSelfPreservation(int _, Dictionary<string, string?> settings) =>
        settings["Beacon:Registry:SelfPreservation:Enabled"] = "false";

    [Fact]
    public async Task ExpiredInstances_AreEvictedOnceEach_ByTheirResponsibleNodes()
    {
        await using var cluster = await TestCluster.StartAsync(3, NoSelfPreservation);
        for (var i = 0; i < 30; i++)
        {
            await cluster[0].RegisterAsync("short", $"s-{i}", """{"addresses":["http://10.0.0.5:8080"],"leaseSeconds":1}""");
        }

        await Eventually.TrueAsync(() => cluster.Nodes.All(n => n.Registry.FindService("default", "short")?.Snapshot.Instances.Length == 0),
            "every node has removed all 30");

        var evictions = cluster.Nodes.Select(n => n.Registry.Evictions).ToArray();
        Assert.Equal(30, evictions.Sum());
        Assert.All(evictions, e => Assert.True(e > 0, $"every node evicted its share: {string.Join(",", evictions)}"));
    }

    [Fact]
    public async Task NodeLeaves_ItsResponsibilitiesMoveToTheOthers()
    {
        await using var cluster = await TestCluster.StartAsync(3, NoSelfPreservation);
        await cluster.Nodes[2].StopAsync();
        await Eventually.TrueAsync(async () => (await cluster[0].MembersAsync()).Members.Single(m => m.NodeId == TestCluster.NodeId(cluster.Ports[2])).State == Contracts.MemberState.Down,
            "node C is down for A");
        await Eventually.TrueAsync(async () => (await cluster[1].MembersAsync()).Members.Single(m => m.NodeId == TestCluster.NodeId(cluster.Ports[2])).State == Contracts.MemberState.Down,
            "node C is down for B");

        for (var i = 0; i < 30; i++)
        {
            await cluster[i % 2].RegisterAsync("short", $"s-{i}", """{"addresses":["http://10.0.0.5:8080"],"leaseSeconds":1}""");
        }

        await Eventually.TrueAsync(() => cluster.Nodes.Take(2).All(n => n.Registry.FindService("default", "short")?.Snapshot.Instances.Length == 0),
            "A and B removed all 30 (C's share included)");
        Assert.Equal(30, cluster[0].Registry.Evictions + cluster[1].Registry.Evictions);
    }

    [Fact]
    public async Task HeartbeatsAtAnyNode_KeepAShortLeaseAlive()
    {
        await using var cluster = await TestCluster.StartAsync(3, NoSelfPreservation);
        for (var i = 0; i < 12; i++)
        {
            await cluster[0].RegisterAsync("renewed", $"r-{i}", """{"addresses":["http://10.0.0.5:8080"],"leaseSeconds":2,"heartbeatSeconds":1}""");
        }

        // Registered at A; heartbeats go to all three, so each must hold them first (replication
        // gathers changes for a few ms; a heartbeat that outruns it is answered "unknown").
        await Eventually.TrueAsync(() => Enumerable.Range(0, 12).All(i => cluster.Nodes.All(n => n.Has("renewed", $"r-{i}"))),
            "every node holds all 12");

        // Each instance heartbeats at its own node (i % 3) every 500 ms for 4 s: twice the lease.
        var end = DateTime.UtcNow.AddSeconds(4);
        while (DateTime.UtcNow < end)
        {
            for (var i = 0; i < 12; i++)
            {
                using var beat = await cluster[i % 3].Client.PostAsync(Contracts.BeaconRoutes.Heartbeat("renewed", $"r-{i}"), null);
                Assert.True(beat.IsSuccessStatusCode, $"r-{i} lost at node {i % 3}");
            }

            await Task.Delay(500);
        }

        Assert.All(cluster.Nodes, n => Assert.Equal(12, n.Registry.FindService("default", "renewed")!.Snapshot.Instances.Length));
        Assert.All(cluster.Nodes, n => Assert.Equal(0, n.Registry.Evictions));
    }
}
