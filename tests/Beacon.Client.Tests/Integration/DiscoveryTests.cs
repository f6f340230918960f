using System.Diagnostics;
using Beacon.Client.Tests.Support;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Client.Tests.Integration;

[Trait("Category", "Integration")]
public sealed class DiscoveryTests : NodeTestBase
{
    [Fact]
    public async Task ResolveAsync_RegisteredService_EveryInstanceAndTheAvailableOnes()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1");
        await Registry.RegisterAsync(Node, "orders", "o-2", status: InstanceStatus.Down);
        await using var client = TestClients.Create(Cache.Path, Node);

        var view = await client.ResolveAsync("orders");

        Assert.Equal(ServiceViewSource.Registry, view.Source);
        Assert.Equal(["o-1", "o-2"], view.Instances.Select(i => i.Id));
        Assert.Equal(["o-1"], view.Available.Select(i => i.Id));
        Assert.Equal("o-1", (await client.PickAsync("orders")).Id);
    }

    [Fact]
    public async Task ResolveAsync_SecondCall_IsAMemoryReadOfTheSameView()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1");
        await using var client = TestClients.Create(Cache.Path, Node);
        var first = await client.ResolveAsync("orders");

        var second = client.ResolveAsync("orders");

        Assert.True(second.IsCompletedSuccessfully);
        Assert.Same(first, await second);
        Assert.True(client.TryGetCached("orders", out var cached));
        Assert.Same(first, cached);
    }

    [Fact]
    public async Task ResolveAsync_CachedThenPick_AllocatesNothing()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1");
        await Registry.RegisterAsync(Node, "orders", "o-2");
        await using var client = TestClients.Create(Cache.Path, Node);
        (await client.ResolveAsync("orders")).TryPick(out _); // first use of this thread's random state

        var picked = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            var resolving = client.ResolveAsync("orders");
#pragma warning disable xUnit1031 // Result is read only once the ValueTask completed synchronously: what a caller's hot path does.
            if (resolving.IsCompletedSuccessfully && resolving.Result.TryPick(out _))
#pragma warning restore xUnit1031
            {
                picked++;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(10_000, picked);
    }

    [Fact]
    public async Task ResolveAsync_UnknownService_EmptyViewThatFillsWhenItAppears()
    {
        await using var client = TestClients.Create(Cache.Path, Node);

        var view = await client.ResolveAsync("later");
        Assert.Empty(view.Instances);
        await Assert.ThrowsAsync<NoAvailableInstanceException>(async () => await client.PickAsync("later"));

        await Registry.RegisterAsync(Node, "later", "l-1");

        await Eventually.TrueAsync(() => client.TryGetCached("later", out var v) && v.Instances.Count == 1, "the new service reaches the cache");
    }

    [Fact]
    public async Task Watch_Registration_ReachesTheCacheWithinMilliseconds()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1");
        await using var client = TestClients.Create(Cache.Path, Node);
        var view = await client.ResolveAsync("orders");

        var watch = Stopwatch.StartNew();
        await Registry.RegisterAsync(Node, "orders", "o-2");
        await view.Superseded.WaitAsync(TimeSpan.FromSeconds(10));
        watch.Stop();

        Assert.True(client.TryGetCached("orders", out var next));
        Assert.Equal(2, next.Instances.Count);
        Assert.True(view.ChangeToken.IsCancellationRequested);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task WatchAsync_Changes_YieldsEachNewVersion()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1");
        await using var client = TestClients.Create(Cache.Path, Node);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<int>();

        await foreach (var view in client.WatchAsync("orders", stop.Token))
        {
            seen.Add(view.Instances.Count);
            if (view.Instances.Count == 1 && seen.Count == 1)
            {
                await Registry.RegisterAsync(Node, "orders", "o-2");
            }
            else if (view.Instances.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([1, 2], seen);
    }

    [Fact]
    public async Task Watch_EveryInstanceDeregistered_CacheBecomesEmpty()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1");
        await using var client = TestClients.Create(Cache.Path, Node);
        await client.ResolveAsync("orders");

        await Registry.DeregisterAsync(Node, "orders", "o-1");

        // A 200 with no instances and a new revision is a real answer, unlike "unknown service".
        await Eventually.TrueAsync(() => client.TryGetCached("orders", out var v) && v.Instances.Count == 0, "the cache empties");
    }

    [Fact]
    public async Task Watch_TwentyClients_AllLearnARegistrationQuickly()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1");
        var clients = Enumerable.Range(0, 20).Select(_ => TestClients.Builder(Cache.Path, Node).Configure(o => o.DiskCache = false).Build()).ToArray();
        try
        {
            var views = await Task.WhenAll(clients.Select(c => c.ResolveAsync("orders").AsTask()));
            var watch = Stopwatch.StartNew();
            var arrivals = views.Select(v => v.Superseded.ContinueWith(_ => watch.Elapsed, TaskScheduler.Default)).ToArray();

            await Registry.RegisterAsync(Node, "orders", "o-2");
            var latencies = (await Task.WhenAll(arrivals).WaitAsync(TimeSpan.FromSeconds(10))).Order().ToArray();

            Assert.True(latencies[^1] < TimeSpan.FromSeconds(1), $"slowest client took {latencies[^1].TotalMilliseconds} ms");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ResolveAsync_Namespace_SeesOnlyItsOwn()
    {
        await Registry.RegisterAsync(Node, "orders", "default-1");
        await Registry.RegisterAsync(Node, "orders", "prod-1", @namespace: "prod");
        await using var client = TestClients.Builder(Cache.Path, Node).WithNamespace("prod").Build();

        var view = await client.ResolveAsync("orders");

        Assert.Equal(["prod-1"], view.Instances.Select(i => i.Id));
    }

    [Fact]
    public async Task ResolveAsync_InvalidServiceName_ThrowsInvalidArgument()
    {
        await using var client = TestClients.Create(Cache.Path, Node);

        var error = await Assert.ThrowsAsync<BeaconInvalidArgumentException>(async () => await client.ResolveAsync("-bad"));

        Assert.Equal(ProblemTypes.InvalidArgument, error.ProblemType);
        await Assert.ThrowsAsync<BeaconInvalidArgumentException>(async () => await client.ResolveAsync("-bad"));
    }

    [Fact]
    public async Task PickAsync_CallerZone_PicksOnlyItsZoneWhileItHasInstances()
    {
        await Registry.RegisterAsync(Node, "orders", "near", zone: "z1");
        await Registry.RegisterAsync(Node, "orders", "far-1", zone: "z2");
        await Registry.RegisterAsync(Node, "orders", "far-2", zone: "z2", weight: 1000);
        await using var client = TestClients.Builder(Cache.Path, Node).WithZone("z1").Build();

        for (var i = 0; i < 500; i++)
        {
            Assert.Equal("near", (await client.PickAsync("orders")).Id);
        }

        await Registry.RegisterAsync(Node, "orders", "near", zone: "z1", status: InstanceStatus.Down);
        await Eventually.TrueAsync(() => client.TryGetCached("orders", out var v) && v.Candidates.All(c => c.Zone == "z2"),
            "with no healthy instance in z1, picks use z2");
        var far = 0;
        for (var i = 0; i < 1100; i++)
        {
            far += (await client.PickAsync("orders")).Id == "far-2" ? 1 : 0;
        }

        // Weights 100 and 1000: far-2 gets 10/11 of the picks (1000 expected, several standard deviations of room).
        Assert.InRange(far, 920, 1070);
    }

    [Fact]
    public async Task ReportFailure_Instance_SkippedByPicks()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1");
        await Registry.RegisterAsync(Node, "orders", "o-2");
        await using var client = TestClients.Create(Cache.Path, Node);
        var view = await client.ResolveAsync("orders");

        client.ReportFailure(view.Instances.Single(i => i.Id == "o-1"));

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal("o-2", (await client.PickAsync("orders")).Id);
        }
    }
}
