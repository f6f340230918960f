namespace Beacon.LoadGen.Compare;

/// <summary>
/// One client of a system under test, on its own connection or session, doing the discovery
/// operations the comparison measures the way that system's clients do them. Used by one task at a time.
/// </summary>
public interface IRegistryClient : IAsyncDisposable
{
    /// <summary>
    /// Registers instance n with its record (<see cref="CompareRecord"/>). Beacon: <c>PUT</c>;
    /// etcd: a lease grant and a put under the lease; ZooKeeper: create an ephemeral node.
    /// </summary>
    ValueTask<bool> RegisterAsync(long n, CancellationToken cancellationToken);

    /// <summary>Removes instance n. Beacon: <c>DELETE</c>; etcd: delete the key; ZooKeeper: delete the node.</summary>
    ValueTask<bool> DeregisterAsync(long n, CancellationToken cancellationToken);

    /// <summary>
    /// Renews instance n. Beacon: its heartbeat; etcd: a keep-alive of its lease on the client's
    /// keep-alive stream; ZooKeeper: a ping of this session (sessions renew themselves: a ping keeps
    /// every ephemeral node of the session alive, whichever instance n is).
    /// </summary>
    ValueTask<bool> RenewAsync(long n, CancellationToken cancellationToken);

    /// <summary>Renews instances [first, first + count) in one request (only where the system can).</summary>
    ValueTask<bool> RenewBatchAsync(long first, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Reads a service's instances with their data. Beacon: <c>GET /v1/services/{service}</c>; etcd: a
    /// serializable range over the service's prefix; ZooKeeper: getChildren, then getData of each child.
    /// </summary>
    ValueTask<bool> DiscoverAsync(long service, int expected, CancellationToken cancellationToken);

    /// <summary>How many instances of the service this client's member holds (setup checks; not measured).</summary>
    Task<int> CountAsync(long service, CancellationToken cancellationToken);

    /// <summary>
    /// Starts watching a service and returns once the watch is in place. Beacon: a watch stream
    /// (<c>/v1/watch</c>, Server-Sent Events); etcd: a watch on the prefix; ZooKeeper: a child watch.
    /// </summary>
    Task WatchAsync(long service, CancellationToken cancellationToken);

    /// <summary>Waits until the watched service's next change is notified.</summary>
    ValueTask NextChangeAsync(CancellationToken cancellationToken);

    /// <summary>Re-arms the watch after a notification (ZooKeeper's watches fire once; the others keep going).</summary>
    ValueTask RearmAsync(CancellationToken cancellationToken);
}
