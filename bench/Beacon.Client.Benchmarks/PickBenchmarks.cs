using BenchmarkDotNet.Attributes;
using Beacon.Client.Picking;
using Beacon.Contracts;

namespace Beacon.Client.Benchmarks;

/// <summary>
/// The resolution hot path: picking an instance of a cached service of 100 instances.
/// Budget: at most 100 ns and nothing allocated per pick.
/// </summary>
[MemoryDiagnoser]
public class PickBenchmarks
{
    private ServiceView _weighted = null!;
    private ServiceView _weightedZone = null!;
    private ServiceView _roundRobin = null!;
    private ServiceView _withFailures = null!;
    private BeaconClient _client = null!;
    private InProcessNode _node = null!;

    [GlobalSetup]
    public void Setup()
    {
        var instances = Enumerable.Range(0, 100).Select(Instance).ToArray();
        _weighted = View(instances, zone: null, LoadBalancingStrategy.WeightedRandom);
        _weightedZone = View(instances, zone: "z1", LoadBalancingStrategy.WeightedRandom);
        _roundRobin = View(instances, zone: null, LoadBalancingStrategy.RoundRobin);
        _withFailures = View(instances, zone: null, LoadBalancingStrategy.WeightedRandom);
        _withFailures.MarkFailed("i-7");

        // The same path through a real client whose cache a real node filled.
        _node = InProcessNode.StartAsync().GetAwaiter().GetResult();
        _client = new BeaconClientBuilder().WithNodes(_node.BaseAddress.ToString()).Configure(o => o.DiskCache = false).Build();
        foreach (var instance in instances)
        {
            _client.RegisterAsync(new BeaconRegistration { Service = "orders", Id = instance.Id, Addresses = instance.Addresses, Weight = instance.Weight })
                .GetAwaiter().GetResult();
        }

        var view = _client.ResolveAsync("orders").AsTask().GetAwaiter().GetResult();
        while (view.Instances.Count < 100)
        {
            view.Superseded.Wait();
            _client.TryGetCached("orders", out view!);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _node.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public InstanceInfo? WeightedRandom() => _weighted.TryPick(out var instance) ? instance : null;

    [Benchmark]
    public InstanceInfo? WeightedRandom_CallerZone() => _weightedZone.TryPick(out var instance) ? instance : null;

    [Benchmark]
    public InstanceInfo? RoundRobin() => _roundRobin.TryPick(out var instance) ? instance : null;

    [Benchmark]
    public InstanceInfo? WeightedRandom_OneFailing() => _withFailures.TryPick(out var instance) ? instance : null;

    /// <summary><c>ResolveAsync</c> (cache hit: completes synchronously) then a pick: what a caller writes.</summary>
    [Benchmark]
    public InstanceInfo? Client_ResolveThenPick()
    {
        var resolving = _client.ResolveAsync("orders");
        return resolving.IsCompletedSuccessfully && resolving.Result.TryPick(out var instance) ? instance : null;
    }

    private static InstanceInfo Instance(int i) => new()
    {
        Namespace = "default",
        Service = "orders",
        Id = $"i-{i}",
        Zone = i % 3 == 0 ? "z1" : "z2",
        Addresses = [$"http://10.0.{i / 256}.{i % 256}:8080"],
        Status = InstanceStatus.Up,
        ReportedStatus = InstanceStatus.Up,
        Healthy = true,
        Weight = 50 + i,
        Metadata = new Dictionary<string, string>(),
        LeaseSeconds = 90,
        HeartbeatSeconds = 30,
        RegisteredAt = DateTimeOffset.UnixEpoch,
        LastRenewedAt = DateTimeOffset.UnixEpoch,
        LastChangedAt = DateTimeOffset.UnixEpoch,
        Revision = 1,
    };

    private static ServiceView View(InstanceInfo[] instances, string? zone, LoadBalancingStrategy strategy) => new(
        new ServiceInstances { Namespace = "default", Service = "orders", Revision = 1, Instances = instances },
        ServiceViewSource.Registry, DateTimeOffset.UnixEpoch,
        new PickPolicy(zone, strategy, TimeSpan.FromMinutes(10), TimeProvider.System), previous: null);
}
