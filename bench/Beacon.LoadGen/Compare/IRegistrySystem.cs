namespace Beacon.LoadGen.Compare;

/// <summary>A running system under test (Beacon, etcd or ZooKeeper): its members' processes and a way to connect.</summary>
public interface IRegistrySystem : IAsyncDisposable
{
    /// <summary>beacon, etcd or zookeeper.</summary>
    string Name { get; }

    Topology Topology { get; }

    /// <summary>The members' process ids: their CPU time and resident memory are what the comparison measures.</summary>
    IReadOnlyList<int> Pids { get; }

    /// <summary>Whether one request can renew many instances (Beacon's <c>POST /v1/heartbeats</c>).</summary>
    bool SupportsBatchRenew { get; }

    /// <summary>Opens client <paramref name="index"/>, connected to member <paramref name="index"/> mod the member count.</summary>
    Task<IRegistryClient> ConnectAsync(int index, CancellationToken cancellationToken);
}
