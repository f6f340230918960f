namespace Beacon.LoadGen.Measurement;

/// <summary>
/// One closed-loop client: does one operation (an HTTP request, an etcd RPC, a ZooKeeper request)
/// and waits for its answer. Each worker owns its connection or session; the runner calls it from
/// one task only.
/// </summary>
public interface IOperationWorker : IAsyncDisposable
{
    /// <summary>Does the next operation; true when the server answered as expected.</summary>
    ValueTask<bool> ExecuteAsync(CancellationToken cancellationToken);
}

/// <summary>What the runner measures: a named operation, and a way to open its workers.</summary>
public interface IWorkload
{
    string Name { get; }

    /// <summary>Operations one call does: 1, or the renewals of a batch.</summary>
    int OperationsPerRequest { get; }

    /// <summary>Opens <paramref name="count"/> workers, each with its own connection.</summary>
    Task<IOperationWorker[]> OpenWorkersAsync(int count, CancellationToken cancellationToken);
}
