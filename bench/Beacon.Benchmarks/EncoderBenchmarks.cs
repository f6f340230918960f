using Beacon.Core.Registry;
using Beacon.Server.Api;
using Beacon.Server.Hosting;
using BenchmarkDotNet.Attributes;

namespace Beacon.Benchmarks;

/// <summary>
/// The discovery answer of a 100-instance service: encoded from the snapshot, and served from the
/// encoding the snapshot caches (what almost every read does).
/// </summary>
[MemoryDiagnoser]
public class EncoderBenchmarks
{
    private ServiceSnapshot _snapshot = null!;
    private ServiceEncoder _encoder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = RegistryFixture.Create().FindService("default", "orders42")!.Snapshot;
        _encoder = new ServiceEncoder(TimeProvider.System, new ApiOptions());
    }

    [Benchmark(Description = "Encode 100 instances (cache miss)")]
    public int EncodeFresh()
    {
        _snapshot.EncodingCache = null;
        return _encoder.Encode(_snapshot, StatusFilter.UpOnly, healthy: true, zone: null).Length;
    }

    [Benchmark(Description = "Encode 100 instances (cached)")]
    public int EncodeCached() => _encoder.Encode(_snapshot, StatusFilter.UpOnly, healthy: true, zone: null).Length;
}
