using System.Text.Json;
using Beacon.Cluster.Wire;
using BenchmarkDotNet.Attributes;

namespace Beacon.Benchmarks;

/// <summary>
/// Reading one replication batch of 500 registrations, as a receiving node does: streamed from the
/// request body (asynchronous, resumable) against parsed from the whole body at once.
/// </summary>
[MemoryDiagnoser]
public class ReplicationBatchBenchmarks
{
    private byte[] _body = [];

    [GlobalSetup]
    public void Setup()
    {
        var registry = RegistryFixture.Create();
        var items = registry.FindService("default", "orders1")!.Snapshot.Instances
            .Concat(registry.FindService("default", "orders2")!.Snapshot.Instances)
            .Concat(registry.FindService("default", "orders3")!.Snapshot.Instances)
            .Concat(registry.FindService("default", "orders4")!.Snapshot.Instances)
            .Concat(registry.FindService("default", "orders5")!.Snapshot.Instances)
            .Select(PeerMapper.Put)
            .ToList();
        _body = JsonSerializer.SerializeToUtf8Bytes(new ReplicationBatch { From = "127.0.0.1:8881", Items = items }, PeerJsonContext.Default.ReplicationBatch);
    }

    [Benchmark(Baseline = true, Description = "500 records, streamed (DeserializeAsync)")]
    public async Task<int> Streamed()
    {
        using var stream = new MemoryStream(_body, writable: false);
        var batch = await JsonSerializer.DeserializeAsync(stream, PeerJsonContext.Default.ReplicationBatch);
        return batch!.Items.Count;
    }

    [Benchmark(Description = "500 records, whole body (Deserialize)")]
    public int WholeBody() => JsonSerializer.Deserialize(_body, PeerJsonContext.Default.ReplicationBatch)!.Items.Count;
}
