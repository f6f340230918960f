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

        // The node copies from one peer: let A and B exchange their last changes first (replication
        // gathers them for a few ms; what a copy misses, replication and anti-entropy bring later).
        await Eventually.TrueAsync(() => cluster.Nodes.Take(2).All(n => Enumerable.Range(0, 200).All(i => n.Has($"svc-{i % 10}", $"i-{i}"))),
            "A and B hold all 200");
        var rejoined = await cluster.StartNodeAsync(2);

        // Not ready → 503 on reads; once ready, it holds everything.
        await Eventually.TrueAsync(async () => (await rejoined.Client.GetAsync(BeaconRoutes.Readyz)).IsSuccessStatusCode, "the node becomes ready");
        Assert.Equal(200, rejoined.Registry.AllServices().Where(s => s.Namespace == "default").Sum(s => s.Snapshot.Instances.Length));
        Assert.Equal(cluster[0].Fingerprint(), rejoined.Fingerprint());
    }

    [Fact]
    public async Task JoiningNode_WhoseFirstCopyHasABadRecord_CopiesAgainFromAPeer()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        await cluster.Nodes[2].StopAsync();
        for (var i = 0; i < 50; i++)
        {
            await cluster[0].RegisterAsync("orders", $"o-{i}");
        }

        // The first copy it gets: thousands of records with a bad one early on (a put without its
        // instance), so the apply fails while the stream is still being read. The attempt must fail,
        // not hang and not count as a copy; the next attempt copies from a real peer.
        var firstCopy = new PeerFaults();
        var answered = 0;
        firstCopy.Answer(r => r.RequestUri!.AbsolutePath == "/v1/peer/snapshot" && Interlocked.Increment(ref answered) == 1
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(SnapshotWithABadRecord(10_000), System.Text.Encoding.UTF8, "application/json") }
            : null);
        var rejoined = await cluster.StartNodeAsync(2, faults: firstCopy);

        await Eventually.TrueAsync(async () => (await rejoined.Client.GetAsync(BeaconRoutes.Readyz)).IsSuccessStatusCode, "the node becomes ready");
        Assert.True(answered >= 1, "the bad copy was served");
        Assert.Equal(50, rejoined.Registry.FindService("default", "orders")!.Snapshot.Instances.Length);
    }

    /// <summary>A peer snapshot of <paramref name="records"/> valid records of service <c>canned</c>, the fifth one broken.</summary>
    private static string SnapshotWithABadRecord(int records) =>
        "[" + string.Join(",", Enumerable.Range(0, records).Select(i => i == 4
            ? """{"kind":"put","namespace":"default","service":"canned","id":"broken"}"""
            : System.Text.Json.JsonSerializer.Serialize(new Wire.ReplicationItem
            {
                Kind = Wire.ReplicationKind.Put,
                Namespace = "default",
                Service = "canned",
                Id = $"c-{i}",
                Instance = new Wire.PeerInstance
                {
                    Namespace = "default", Service = "canned", Id = $"c-{i}", Zone = "default", Addresses = ["http://10.0.0.5:8080"],
                    ReportedStatus = InstanceStatus.Up, Healthy = true, Weight = 100, LeaseSeconds = 90, HeartbeatSeconds = 30,
                    RegisteredAtMs = 1, LastChangedAtMs = 1, LastRenewedMs = 1, RenewedVia = "127.0.0.1:1", StampClock = 1, StampOrigin = "127.0.0.1:1",
                },
            }, Wire.PeerJsonContext.Default.ReplicationItem))) + "]";

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
    public async Task StartingNode_GetsNeitherLeaseResendsNorRepairs_UntilItHasCopied()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var c = TestCluster.NodeId(cluster.Ports[2]);
        await cluster.Nodes[2].StopAsync();
        await Eventually.TrueAsync(async () => MemberOf(await cluster[0].MembersAsync(), c).State == MemberState.Down, "A sees C down");

        // Registered while C is away: A drops its batches to C, so it owes C its leases; and A and B
        // hold records C lacks, which anti-entropy would repair.
        for (var i = 0; i < 20; i++)
        {
            await cluster[0].RegisterAsync("away", $"a-{i}");
        }

        await cluster.Nodes.Take(2).AllHaveAsync("away", "a-19");
        // Their batches to C are dropped, not held (a send that was under way when C stopped can take a
        // while to fail): what C gets later can then only be a lease re-send or a repair.
        await Eventually.TrueAsync(async () => MemberOf(await cluster[0].MembersAsync(), c) is { ReplicationBacklog: 0, ReplicationFailures: >= 20 },
            "A dropped its batches to C");

        // C restarts and cannot copy (its snapshot requests fail), so it stays not ready.
        var copyBlocked = new PeerFaults();
        copyBlocked.Drop(r => r.RequestUri!.AbsolutePath == "/v1/peer/snapshot");
        var restarted = await cluster.StartNodeAsync(2, (_, s) => s["Beacon:Cluster:StartupSyncTimeout"] = "00:01:00", copyBlocked);
        await Eventually.TrueAsync(async () => MemberOf(await cluster[0].MembersAsync(), c) is { State: MemberState.Up, Ready: false },
            "A sees C up and not ready");

        using (var digest = await restarted.Client.PostAsync("/v1/peer/digest",
            new StringContent("""{"from":"127.0.0.1:1","buckets":[]}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, digest.StatusCode);
        }

        // New changes still replicate to it. A re-sends owed leases just before its next batch, and
        // answers the renewals C does not know with full records, queued before any later change: so
        // once C holds the second change, it would hold the earlier records too had A re-sent.
        await cluster[0].RegisterAsync("away", "after-1");
        await Eventually.TrueAsync(() => restarted.Has("away", "after-1"), "C got a change made after its restart");
        await cluster[0].RegisterAsync("away", "after-2");
        await Eventually.TrueAsync(() => restarted.Has("away", "after-2"), "C got a second change");
        Assert.DoesNotContain(restarted.Registry.FindService("default", "away")!.Snapshot.Instances, i => i.Id.StartsWith("a-", StringComparison.Ordinal));

        // Once it can copy, it has everything and says so.
        copyBlocked.Heal();
        await Eventually.TrueAsync(async () => (await restarted.Client.GetAsync(BeaconRoutes.Readyz)).IsSuccessStatusCode, "C becomes ready");
        Assert.Equal(22, restarted.Registry.FindService("default", "away")!.Snapshot.Instances.Length);
        await Eventually.TrueAsync(async () => MemberOf(await cluster[0].MembersAsync(), c).Ready, "A sees C ready");
    }

    private static ClusterMember MemberOf(ClusterMembers members, string nodeId) => members.Members.Single(m => m.NodeId == nodeId);

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
