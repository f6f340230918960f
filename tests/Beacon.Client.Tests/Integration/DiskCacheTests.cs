using Beacon.Client.Tests.Support;
using Beacon.TestKit;

namespace Beacon.Client.Tests.Integration;

[Trait("Category", "Integration")]
public sealed class DiskCacheTests : IAsyncLifetime
{
    private readonly TempDirectory _cache = new();
    private BeaconTestNode? _node;

    private BeaconTestNode Node => _node!;

    public async Task InitializeAsync() => _node = await Nodes.StartAsync();

    public async Task DisposeAsync()
    {
        await StopNodeAsync();
        _cache.Dispose();
    }

    [Fact]
    public async Task Resolve_Answer_WrittenToDisk()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1");
        await using var client = TestClients.Create(_cache.Path, Node);

        await client.ResolveAsync("orders");

        var file = Path.Combine(_cache.Path, "default", "orders.json");
        await Eventually.TrueAsync(() => File.Exists(file), "the disk copy is written");
        Assert.Contains("o-1", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryNodeDown_AfterResolve_ServesLastKnownAndSaysSo()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1");
        var log = new LogCapture();
        await using var client = TestClients.Builder(_cache.Path, Node).WithLoggerFactory(log).Build();
        await client.ResolveAsync("orders");

        await StopNodeAsync();

        await Eventually.TrueAsync(() => log.Contains("serving the last known 1 instances of orders"), "the client logs the fallback");
        Assert.True(client.TryGetCached("orders", out var view));
        Assert.Equal(ServiceViewSource.Registry, view.Source);
        Assert.Equal("o-1", view.Instances.Single().Id);
        Assert.Equal("o-1", (await client.PickAsync("orders")).Id);
    }

    [Fact]
    public async Task ColdStart_EveryNodeDown_ServesTheDiskCopyAndSaysSo()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1");
        await Registry.RegisterAsync(Node, "orders", "o-2");
        var address = Node.BaseAddress.ToString();
        await using (var earlier = TestClients.Create(_cache.Path, Node))
        {
            await earlier.ResolveAsync("orders");
            await Eventually.TrueAsync(() => File.Exists(Path.Combine(_cache.Path, "default", "orders.json")), "the disk copy is written");
        }

        await StopNodeAsync();
        var log = new LogCapture();
        await using var client = TestClients.Builder(_cache.Path, address).WithLoggerFactory(log).Build();

        var view = await client.ResolveAsync("orders");

        Assert.Equal(ServiceViewSource.DiskCache, view.Source);
        Assert.Equal(["o-1", "o-2"], view.Instances.Select(i => i.Id));
        Assert.NotNull(await client.PickAsync("orders"));
        Assert.True(log.Contains("from the disk cache"), string.Join("\n", log.Messages));
    }

    [Fact]
    public async Task ColdStart_EveryNodeDownAndNoDiskCopy_ThrowsUnavailable()
    {
        await using var client = TestClients.Create(_cache.Path, Nodes.DeadAddress());

        await Assert.ThrowsAsync<BeaconUnavailableException>(async () => await client.ResolveAsync("orders"));
    }

    [Fact]
    public async Task ColdStart_NodeComesBack_DiskCopyReplacedByLiveList()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1");
        var address = Node.BaseAddress;
        await using (var earlier = TestClients.Create(_cache.Path, Node))
        {
            await earlier.ResolveAsync("orders");
            await Eventually.TrueAsync(() => File.Exists(Path.Combine(_cache.Path, "default", "orders.json")), "the disk copy is written");
        }

        await StopNodeAsync();
        await using var client = TestClients.Create(_cache.Path, address.ToString());
        Assert.Equal(ServiceViewSource.DiskCache, (await client.ResolveAsync("orders")).Source);

        _node = await Nodes.StartOnAsync(address);
        await Registry.RegisterAsync(Node, "orders", "o-9");

        await Eventually.TrueAsync(
            () => client.TryGetCached("orders", out var view) && view.Source == ServiceViewSource.Registry && view.Instances[0].Id == "o-9",
            "the live list replaces the disk copy");
    }

    [Fact]
    public async Task RegistryRestartedEmpty_UnknownServiceAnswer_NeverWipesTheList()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1");
        await Registry.RegisterAsync(Node, "orders", "o-2");
        var log = new LogCapture();
        await using var client = TestClients.Builder(_cache.Path, Node).WithLoggerFactory(log).Build();
        await client.ResolveAsync("orders");
        var address = Node.BaseAddress;

        await StopNodeAsync();
        _node = await Nodes.StartOnAsync(address);

        await Eventually.TrueAsync(() => log.Contains("does not know orders"), "the client notices the empty registry");
        Assert.True(client.TryGetCached("orders", out var kept));
        Assert.Equal(2, kept.Instances.Count);

        // The first instance registering again is a real answer: it replaces the kept list.
        await Registry.RegisterAsync(Node, "orders", "o-1");
        await Eventually.TrueAsync(() => client.TryGetCached("orders", out var v) && v.Instances.Count == 1, "the live list arrives");
    }

    [Fact]
    public async Task ColdStart_RegistryRestartedEmpty_ServesTheDiskCopyNotAnEmptyList()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1");
        var address = Node.BaseAddress;
        await using (var earlier = TestClients.Create(_cache.Path, Node))
        {
            await earlier.ResolveAsync("orders");
            await Eventually.TrueAsync(() => File.Exists(Path.Combine(_cache.Path, "default", "orders.json")), "the disk copy is written");
        }

        await StopNodeAsync();
        _node = await Nodes.StartOnAsync(address);
        var log = new LogCapture();
        await using var client = TestClients.Builder(_cache.Path, address.ToString()).WithLoggerFactory(log).Build();

        var view = await client.ResolveAsync("orders");

        Assert.Equal(ServiceViewSource.DiskCache, view.Source);
        Assert.Equal("o-1", view.Instances.Single().Id);
        Assert.True(log.Contains("does not know orders"), string.Join("\n", log.Messages));
    }

    [Fact]
    public async Task DiskCacheOff_Answer_NoFileWritten()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1");
        await using var client = TestClients.Builder(_cache.Path, Node).Configure(o => o.DiskCache = false).Build();

        await client.ResolveAsync("orders");

        Assert.Empty(Directory.EnumerateFileSystemEntries(_cache.Path));
    }

    private async Task StopNodeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
            _node = null;
        }
    }
}
