using System.Net;
using System.Net.Sockets;
using Beacon.Cluster.Membership;
using Beacon.Cluster.Peers;
using Beacon.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Beacon.Cluster.Tests;

[Trait("Category", "Cluster")]
public sealed class MembershipTests
{
    [Theory]
    [InlineData("127.0.0.1:8881", "127.0.0.1:8881")]
    [InlineData("http://10.0.0.1:7171/", "10.0.0.1:7171")]
    [InlineData(" beacon-0.beacon:7171 ", "beacon-0.beacon:7171")]
    [InlineData("[::1]:7171", "[::1]:7171")]
    public void NodeAddress_Normalizes(string input, string expected)
    {
        Assert.True(NodeAddress.TryNormalize(input, out var address));
        Assert.Equal(expected, address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# comment")]
    [InlineData("no-port")]
    public void NodeAddress_RejectsWhatIsNoMember(string input) => Assert.False(NodeAddress.TryNormalize(input, out _));

    [Fact]
    public async Task PeerConnections_LeaveFromTheNodesOwnAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var http = PeerHttp.Create(PeerHttp.BindAddressFromUrls("http://127.0.0.42:7171"), TimeSpan.FromSeconds(5));

        var request = http.GetAsync($"http://127.0.0.1:{port}/");
        using var accepted = await listener.AcceptTcpClientAsync();

        Assert.Equal(IPAddress.Parse("127.0.0.42"), ((IPEndPoint)accepted.Client.RemoteEndPoint!).Address);
        accepted.Close();
        await Assert.ThrowsAnyAsync<Exception>(() => request);
    }

    [Theory]
    [InlineData("http://0.0.0.0:7171", null)]
    [InlineData("http://*:7171", null)]
    [InlineData("http://beacon-0:7171", null)]
    [InlineData("http://10.1.2.3:7171;http://127.0.0.1:7171", "10.1.2.3")]
    public void BindAddress_OnlyForASpecificIp(string urls, string? expected) =>
        Assert.Equal(expected, PeerHttp.BindAddressFromUrls(urls)?.ToString());

    [Fact]
    public async Task MembersFile_IsReadAndWatched()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => Ports.Free()).ToArray();
        var file = Path.Combine(Path.GetTempPath(), $"beacon-members-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, $"# members\n{TestCluster.NodeId(ports[0])}\n{TestCluster.NodeId(ports[1])}\n");
        var cluster = new List<BeaconTestNode>();
        try
        {
            foreach (var port in ports)
            {
                var settings = TestCluster.FastSettings([]);
                settings.Remove("Beacon:Cluster:Nodes");
                settings["Beacon:Cluster:NodesFile"] = file;
                settings["Beacon:Cluster:DiscoveryInterval"] = "00:00:00.200";
                settings["urls"] = $"http://127.0.0.1:{port}";
                settings["Beacon:NodeId"] = TestCluster.NodeId(port);
                cluster.Add(await BeaconTestNode.StartAsync(settings));
            }

            await Eventually.TrueAsync(async () => (await cluster[0].MembersAsync()).Members.Count(m => m.State == Contracts.MemberState.Up) == 2, "A sees the two listed");

            // Add the third node to the file: every node picks it up.
            File.AppendAllText(file, TestCluster.NodeId(ports[2]) + "\n");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(1));
            await Eventually.TrueAsync(async () => (await cluster[0].MembersAsync()).Members.Count(m => m.State == Contracts.MemberState.Up) == 3, "A sees the third");

            await cluster[2].RegisterAsync("filed", "f-1");
            await cluster.AllHaveAsync("filed", "f-1");
        }
        finally
        {
            foreach (var node in cluster)
            {
                await node.DisposeAsync();
            }

            File.Delete(file);
        }
    }

    [Fact]
    public async Task AddressServer_ListsTheMembers()
    {
        var ports = Enumerable.Range(0, 2).Select(_ => Ports.Free()).ToArray();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var addressServer = builder.Build();
        addressServer.MapGet("/nacos/serverlist", () => Results.Text(string.Join("\r\n", ports.Select(TestCluster.NodeId))));
        await addressServer.StartAsync();
        var url = addressServer.Urls.First() + "/nacos/serverlist";

        var nodes = new List<BeaconTestNode>();
        try
        {
            foreach (var port in ports)
            {
                var settings = TestCluster.FastSettings([]);
                settings.Remove("Beacon:Cluster:Nodes");
                settings["Beacon:Cluster:AddressServer"] = url;
                settings["urls"] = $"http://127.0.0.1:{port}";
                settings["Beacon:NodeId"] = TestCluster.NodeId(port);
                nodes.Add(await BeaconTestNode.StartAsync(settings));
            }

            await nodes[0].RegisterAsync("listed", "l-1");
            await nodes.AllHaveAsync("listed", "l-1");
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Dns_ARecordsWithTheNodesPort_AreMembers()
    {
        // "localhost" resolves to 127.0.0.1 (and ::1): a one-record headless service.
        var source = new Membership.Sources.DnsSource("localhost", 7171);
        var members = await source.ReadAsync(CancellationToken.None);
        Assert.Contains("127.0.0.1:7171", members);
    }

    [Fact]
    public async Task SelfDiscovery_ANodeOnlyTheSeedKnows_IsLearnedFromServiceBeacon()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => Ports.Free()).ToArray();
        var nodes = new List<BeaconTestNode>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var settings = TestCluster.FastSettings([]);
                // Everyone knows only the seed (node 0) and itself.
                settings["Beacon:Cluster:Nodes"] = string.Join(",", new[] { ports[0], ports[i] }.Distinct().Select(TestCluster.NodeId));
                settings["urls"] = $"http://127.0.0.1:{ports[i]}";
                settings["Beacon:NodeId"] = TestCluster.NodeId(ports[i]);
                nodes.Add(await BeaconTestNode.StartAsync(settings));
            }

            await Eventually.TrueAsync(async () => (await nodes[1].MembersAsync()).Members.Count(m => m.State == Contracts.MemberState.Up) == 3,
                "node B learned node C from the registry");
            await nodes[2].RegisterAsync("discovered", "d-1");
            await nodes.AllHaveAsync("discovered", "d-1");
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }
}
