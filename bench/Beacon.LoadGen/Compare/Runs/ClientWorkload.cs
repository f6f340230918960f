using Beacon.LoadGen.Measurement;

namespace Beacon.LoadGen.Compare.Runs;

/// <summary>
/// A closed-loop workload over a system's clients: worker i gets client i (so workers spread over a
/// cluster's members) and does <paramref name="operation"/> back to back.
/// </summary>
/// <param name="operation">One operation of worker (client, worker index); true on the expected answer.</param>
public sealed class ClientWorkload(
    string name,
    int operationsPerRequest,
    IRegistrySystem system,
    Func<IRegistryClient, int, CancellationToken, ValueTask<bool>> operation) : IWorkload
{
    public string Name => name;

    public int OperationsPerRequest => operationsPerRequest;

    public async Task<IOperationWorker[]> OpenWorkersAsync(int count, CancellationToken cancellationToken)
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, count).Select(i => system.ConnectAsync(i, cancellationToken)));
        return [.. clients.Select((client, index) => (IOperationWorker)new Worker(client, index, operation))];
    }

    private sealed class Worker(
        IRegistryClient client, int index, Func<IRegistryClient, int, CancellationToken, ValueTask<bool>> operation) : IOperationWorker
    {
        public ValueTask<bool> ExecuteAsync(CancellationToken cancellationToken) => operation(client, index, cancellationToken);

        public ValueTask DisposeAsync() => client.DisposeAsync();
    }
}

/// <summary>Round-robin positions, one per worker, each starting at its own share of the range.</summary>
public sealed class Cursors(int workers, long range)
{
    private readonly long[] _next = [.. Enumerable.Range(0, workers).Select(w => w * (range / workers))];

    public long Next(int worker)
    {
        var n = _next[worker];
        _next[worker] = n + 1 == range ? 0 : n + 1;
        return n;
    }
}

/// <summary>A counter shared by all workers (a fresh instance number for every registration).</summary>
public sealed class Counter(long start)
{
    private long _value = start - 1;

    public long Next() => Interlocked.Increment(ref _value);
}
