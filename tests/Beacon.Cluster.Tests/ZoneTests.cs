using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Cluster.Tests;

/// <summary>Two zones of two nodes: zones replicate one way through one node, never onward.</summary>
[Trait("Category", "Cluster")]
public sealed class ZoneTests
{
    private static void TwoZones(int index, Dictionary<string, string?> settings) =>
        settings["Beacon:Zone"] = index < 2 ? "z1" : "z2";

    [Fact]
    public async Task WriteInOneZone_ReachesEveryNodeOfTheOther()
    {
        await using var cluster = await TestCluster.StartAsync(4, TwoZones);
        await Eventually.TrueAsync(async () => (await cluster[0].MembersAsync()).Members.All(m => m.Zone is not null), "zones known");

        await cluster[0].RegisterAsync("orders", "z1-instance");
        await cluster[3].RegisterAsync("orders", "z2-instance");

        await cluster.Nodes.AllHaveAsync("orders", "z1-instance");
        await cluster.Nodes.AllHaveAsync("orders", "z2-instance");
        var zones = (await cluster[0].MembersAsync()).Members.ToDictionary(m => m.NodeId, m => m.Zone);
        Assert.Equal(["z1", "z1", "z2", "z2"], cluster.Ports.Select(p => zones[TestCluster.NodeId(p)]));
    }

    [Fact]
    public async Task CrossZoneTraffic_GoesToOneNodePerZone()
    {
        await using var cluster = await TestCluster.StartAsync(4, TwoZones);
        await Eventually.TrueAsync(async () => (await cluster[0].MembersAsync()).Members.All(m => m.Zone is not null), "zones known");
        var (z2a, z2b) = (cluster.Ports[2], cluster.Ports[3]);
        var toZ2 = new List<int>();
        cluster.Faults(0).Drop(r =>
        {
            if (r.RequestUri!.AbsolutePath == "/v1/peer/replicate" && (r.RequestUri.Port == z2a || r.RequestUri.Port == z2b))
            {
                lock (toZ2)
                {
                    toZ2.Add(r.RequestUri.Port);
                }
            }

            return false;
        });

        for (var i = 0; i < 10; i++)
        {
            await cluster[0].RegisterAsync("relay", $"r-{i}");
        }

        await Eventually.TrueAsync(() => cluster.Nodes.All(n => n.Registry.FindService("default", "relay")?.Snapshot.Instances.Length == 10), "all four have all ten");
        lock (toZ2)
        {
            Assert.Single(toZ2.Distinct());
        }
    }

    [Fact]
    public async Task ZoneCutOff_KeepsWorkingAndCatchesUp()
    {
        await using var cluster = await TestCluster.StartAsync(4, TwoZones);
        await Eventually.TrueAsync(async () => (await cluster[0].MembersAsync()).Members.All(m => m.Zone is not null), "zones known");
        var z1 = cluster.Ports.Take(2).ToArray();
        var z2 = cluster.Ports.Skip(2).ToArray();
        cluster.Faults(0).CutFrom(z2);
        cluster.Faults(1).CutFrom(z2);
        cluster.Faults(2).CutFrom(z1);
        cluster.Faults(3).CutFrom(z1);

        await cluster[1].RegisterAsync("isolated", "from-z1");
        await cluster[2].RegisterAsync("isolated", "from-z2");
        await Eventually.TrueAsync(() => cluster[3].Has("isolated", "from-z2") && cluster[0].Has("isolated", "from-z1"), "each zone replicates inside");
        Assert.Single((await cluster[3].Client.GetServiceAsync("isolated")).Instances);

        foreach (var i in Enumerable.Range(0, 4))
        {
            cluster.Faults(i).Heal();
        }

        await cluster.Nodes.AllHaveAsync("isolated", "from-z1");
        await cluster.Nodes.AllHaveAsync("isolated", "from-z2");
    }

    [Fact]
    public async Task Discovery_CanBeRestrictedToTheCallersZone()
    {
        await using var cluster = await TestCluster.StartAsync(4, TwoZones);
        await cluster[0].RegisterAsync("orders", "a", """{"addresses":["http://10.0.0.5:8080"],"zone":"z1"}""");
        await cluster[3].RegisterAsync("orders", "b", """{"addresses":["http://10.0.0.6:8080"]}""");
        await cluster.Nodes.AllHaveAsync("orders", "b");
        await cluster.Nodes.AllHaveAsync("orders", "a");

        var z2Only = await cluster[0].Client.GetServiceAsync("orders", "?zone=z2");
        Assert.Equal("b", Assert.Single(z2Only.Instances).Id);
        Assert.Equal(InstanceStatus.Up, z2Only.Instances[0].Status);
    }
}
