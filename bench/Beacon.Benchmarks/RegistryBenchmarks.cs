using Beacon.Core.Model;
using Beacon.Core.Registry;
using BenchmarkDotNet.Attributes;

namespace Beacon.Benchmarks;

/// <summary>
/// The registry's hot paths on a registry of 10,000 instances. <see cref="Renew"/> is the
/// heartbeat and must allocate nothing (docs/architecture.md promises it).
/// </summary>
[MemoryDiagnoser]
public class RegistryBenchmarks
{
    private ServiceRegistry _registry = null!;
    private ServiceSnapshot _snapshot = null!;
    private InstanceRegistration[] _updates = null!;
    private InstanceRegistration _same = null!;
    private ServiceRegistry _large = null!;
    private InstanceRegistration[] _largeUpdates = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _registry = RegistryFixture.Create();
        _snapshot = _registry.FindService("default", "orders42")!.Snapshot;
        // Two versions to alternate between, so every Register is a real update.
        _updates = [RegistryFixture.Registration(42, 57, "1.4.3"), RegistryFixture.Registration(42, 57, "1.4.2")];
        _same = RegistryFixture.Registration(42, 58, "1.4.2");

        // One service of 5,000 instances: what a write costs when a service is large.
        _large = new ServiceRegistry(new Core.RegistryOptions(), TimeProvider.System);
        for (var i = 0; i < 5_000; i++)
        {
            _large.Register(RegistryFixture.Registration(7, i, "1.4.2"));
        }

        _largeUpdates = [RegistryFixture.Registration(7, 2_500, "1.4.3"), RegistryFixture.Registration(7, 2_500, "1.4.2")];
    }

    [Benchmark(Description = "Renew (heartbeat)")]
    public RenewOutcome Renew() => _registry.Renew("default", "orders42", "orders42-57");

    [Benchmark(Description = "Find in a 100-instance snapshot")]
    public Instance? Find() => _snapshot.Find("orders42-57");

    [Benchmark(Description = "Register, replacing data")]
    public RegisterResult RegisterReplace() => _registry.Register(_updates[_next++ & 1]);

    [Benchmark(Description = "Register, replacing data, in a 5,000-instance service")]
    public RegisterResult RegisterReplaceLarge() => _large.Register(_largeUpdates[_next++ & 1]);

    [Benchmark(Description = "Register, same data (idempotent)")]
    public RegisterResult RegisterSame() => _registry.Register(_same);
}
