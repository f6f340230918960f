using System.Net;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Cluster.Tests;

[Trait("Category", "Cluster")]
public sealed class LifecycleTests
{
    [Fact]
    public async Task JoiningNode_CopiesTheRegistryBeforeServing()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        await cluster.Nodes[2].StopAsync();
        for (var i = 0; i < 200; i++)
        {
            await cluster[i % 2].RegisterAsync($"svc-{i % 10}", $"i-{i}");
        }

        var rejoined = await cluster.StartNodeAsync(2);

        // Not ready → 503 on reads; once ready, it holds everything.
        await Eventually.TrueAsync(async () => (await rejoined.Client.GetAsync(BeaconRoutes.Readyz)).IsSuccessStatusCode, "the node becomes ready");
        Assert.Equal(200, rejoined.Registry.AllServices().Where(s => s.Namespace == "default").Sum(s => s.Snapshot.Instances.Length));
        Assert.Equal(cluster[0].Fingerprint(), rejoined.Fingerprint());
    }

    [Fact]
    public async Task StartingNode_AnswersReadsWith503UntilReady_AndAcceptsWrites()
    {
        var port = Ports.Free();
        var unreachablePeer = Ports.Free();
        var settings = TestCluster.FastSettings([port, unreachablePeer]);
        settings["urls"] = $"http://127.0.0.1:{port}";
        settings["Beacon:NodeId"] = TestCluster.NodeId(port);
        // The peer exists but never answers its snapshot in time: keep the node waiting a while.
        settings["Beacon:Cluster:StartupSyncTimeout"] = "00:00:30";
        using var blackhole = new System.Net.Sockets.TcpListener(IPAddress.Loopback, unreachablePeer);
        blackhole.Start(); // accepts connections, never answers

        await using var node = await BeaconTestNode.StartAsync(settings);

        using var read = await node.Client.GetAsync(BeaconRoutes.Services);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
        Assert.Contains(ProblemTypes.NotReady, await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var ready = await node.Client.GetAsync(BeaconRoutes.Readyz);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);

        var registered = await node.RegisterAsync("orders", "o-1");
        Assert.Equal("o-1", registered.Id);
    }

    [Fact]
    public async Task GracefulStop_DeregistersTheNodeFromServiceBeacon()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var leaving = TestCluster.NodeId(cluster.Ports[2]);
        await Eventually.TrueAsync(() => cluster[0].Has("beacon", leaving, "system"), "node C registered itself");

        await cluster.Nodes[2].StopAsync();

        await Eventually.TrueAsync(() => !cluster[0].Has("beacon", leaving, "system") && !cluster[1].Has("beacon", leaving, "system"),
            "node C's registration is gone from A and B", TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task FiveNodes_ReplicateAndConverge()
    {
        await using var cluster = await TestCluster.StartAsync(5);
        for (var i = 0; i < 5; i++)
        {
            await cluster[i].RegisterAsync("orders", $"o-{i}");
        }

        for (var i = 0; i < 5; i++)
        {
            await cluster.Nodes.AllHaveAsync("orders", $"o-{i}");
        }

        await Eventually.TrueAsync(async () => (await Task.WhenAll(cluster.Nodes.Select(n => n.MembersAsync()))).All(m => m.Converged),
            "all five report convergence");
    }
}
