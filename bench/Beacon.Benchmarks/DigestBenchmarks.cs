using Beacon.Cluster.AntiEntropy;
using Beacon.Cluster.Hosting;
using Beacon.Cluster.Membership;
using Beacon.Core.Registry;
using BenchmarkDotNet.Attributes;

namespace Beacon.Benchmarks;

/// <summary>
/// One anti-entropy digest of a registry of 200,000 instances (100 services × 2,000) in a 3-member
/// cluster: the O(n) pass every node makes once per round and once per peer's request.
/// </summary>
[MemoryDiagnoser]
public class DigestBenchmarks
{
    private const int InstancesPerService = 2_000;

    private ServiceRegistry _registry = null!;
    private Responsibility _responsibility = null!;
    private MemberSet _members = null!;

    [GlobalSetup]
    public void Setup()
    {
        _registry = new ServiceRegistry(new Core.RegistryOptions(), TimeProvider.System);
        for (var s = 0; s < RegistryFixture.Services; s++)
        {
            for (var i = 0; i < InstancesPerService; i++)
            {
                _registry.Register(RegistryFixture.Registration(s, i, version: "1.4.2"));
            }
        }

        _members = new MemberSet(_registry.NodeId, "", new ClusterOptions(), TimeProvider.System);
        _members.SetSource("static", ["127.0.0.1:8882", "127.0.0.1:8883"]);
        _responsibility = new Responsibility(_members);
    }

    [Benchmark(Description = "Digest of one owner's buckets, 200,000 instances")]
    public ulong[] Digest() => DigestTable.Compute(_registry, _responsibility, _members.Self.Id, 1024, long.MaxValue);
}
