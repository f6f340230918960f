using Beacon.Core;
using Beacon.Client.Tests.Support;
using Beacon.Server.Hosting;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Client.Tests.Integration;

/// <summary>
/// Nodes here do not replicate (that is the cluster's work), so each test writes to the node it
/// expects the client to reach: which list the client ends up with shows which node answered.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FailoverTests : IAsyncLifetime
{
    private readonly TempDirectory _cache = new();
    private BeaconTestNode? _a;
    private BeaconTestNode _b = null!;

    private BeaconTestNode A => _a!;

    public async Task InitializeAsync()
    {
        _a = await Nodes.StartAsync();
        _b = await Nodes.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAAsync();
        await _b.DisposeAsync();
        _cache.Dispose();
    }

    [Fact]
    public async Task RegisterAsync_FirstNodeDown_UsesTheNext()
    {
        await using var client = TestClients.Create(_cache.Path, Nodes.DeadAddress(), _b.BaseAddress.ToString());

        await client.RegisterAsync(TestClients.Instance("orders", "o-1"));

        Assert.NotNull(_b.Registry.FindInstance("default", "orders", "o-1"));
        Assert.Equal(_b.BaseAddress, client.Nodes[0]);
    }

    [Fact]
    public async Task Watch_CurrentNodeDies_FailsOverToTheNextNodesList()
    {
        await Registry.RegisterAsync(A, "orders", "from-a");
        await Registry.RegisterAsync(_b, "orders", "from-b");
        await using var client = TestClients.Create(_cache.Path, A, _b);
        Assert.Equal("from-a", (await client.ResolveAsync("orders")).Instances.Single().Id);

        await StopAAsync();

        // B sees a revision that is not its own and answers the full list at once.
        await Eventually.TrueAsync(
            () => client.TryGetCached("orders", out var view) && view.Instances.Single().Id == "from-b",
            "the watch moved to node B");
    }

    [Fact]
    public async Task Heartbeats_NodeDies_InstanceRegisteredOnTheNextNode()
    {
        await using var client = TestClients.Create(_cache.Path, A, _b);
        await client.RegisterAsync(TestClients.Instance("orders", "o-1"));
        Assert.NotNull(A.Registry.FindInstance("default", "orders", "o-1"));

        await StopAAsync();

        await Eventually.TrueAsync(() => _b.Registry.FindInstance("default", "orders", "o-1") is not null,
            "the heartbeat found B did not know the instance and registered it there");
    }

    [Fact]
    public async Task ResolveAsync_NodeNotReady_ReadsFromAnotherNodeNeverAnEmptyList()
    {
        await using var starting = await Nodes.StartAsync(s => s.AddSingleton(new NodeReadiness(ready: false)));
        await Registry.RegisterAsync(_b, "orders", "o-1");
        await using var client = TestClients.Create(_cache.Path, starting, _b);

        var view = await client.ResolveAsync("orders");

        Assert.Equal("o-1", view.Instances.Single().Id);
        Assert.Equal(_b.BaseAddress, client.Nodes[0]);
    }

    [Fact]
    public async Task Members_LearnedFromTheCluster_UsedWhenTheSeedDies()
    {
        // What every cluster node does: register itself as system/beacon with its URL.
        await Registry.RegisterAsync(A, "beacon", "a", A.BaseAddress.ToString(), @namespace: "system");
        await Registry.RegisterAsync(A, "beacon", "b", _b.BaseAddress.ToString(), @namespace: "system");
        await Registry.RegisterAsync(_b, "orders", "o-b");
        await using var client = TestClients.Create(_cache.Path, A);

        await Eventually.TrueAsync(() => client.Nodes.Contains(_b.BaseAddress), "node B is learned from the cluster");
        await StopAAsync();

        Assert.Equal("o-b", (await client.ResolveAsync("orders")).Instances.Single().Id);
        await client.RegisterAsync(TestClients.Instance("payments", "p-1"));
        Assert.NotNull(_b.Registry.FindInstance("default", "payments", "p-1"));
    }

    [Fact]
    public async Task Members_SingleNodeWithoutCluster_OnlyTheSeeds()
    {
        await using var client = TestClients.Create(_cache.Path, A);

        await client.ResolveAsync("orders");

        Assert.Equal([A.BaseAddress], client.Nodes);
    }

    private async Task StopAAsync()
    {
        if (_a is not null)
        {
            await _a.DisposeAsync();
            _a = null;
        }
    }
}
