using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Beacon.LoadGen.Compare.Systems;
using Beacon.LoadGen.Compare.ZooKeeper;
using Beacon.LoadGen.Scenarios;

namespace Beacon.LoadGen.Compare.Clients;

/// <summary>
/// A ZooKeeper client: one session (<see cref="ZooKeeperConnection"/>). Instances are ephemeral
/// nodes <c>/services/{service}/{id}</c> holding the record; parents are created when missing, as
/// Curator's <c>creatingParentsIfNeeded</c> does.
/// </summary>
public sealed class ZooKeeperRegistryClient : IRegistryClient
{
    private readonly ZooKeeperConnection _session;
    private readonly byte[] _record = new byte[1024];
    private string? _watched;

    private ZooKeeperRegistryClient(ZooKeeperConnection session) => _session = session;

    public static async Task<ZooKeeperRegistryClient> ConnectAsync(IPEndPoint member, CancellationToken cancellationToken) =>
        new(await ZooKeeperConnection.ConnectAsync(member, ZooKeeperSystem.SessionTimeout, cancellationToken));

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> RegisterAsync(long n, CancellationToken cancellationToken)
    {
        var path = CompareRecord.InstancePath(n);
        var length = CompareRecord.Write(_record, n);
        var error = await _session.CreateAsync(path, _record.AsSpan(0, length), ephemeral: true, cancellationToken);
        if (error == ZooKeeperOps.NoNode)
        {
            await CreateParentsAsync(n / InstanceData.InstancesPerService, cancellationToken);
            error = await _session.CreateAsync(path, _record.AsSpan(0, length), ephemeral: true, cancellationToken);
        }

        return error == ZooKeeperOps.Ok;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> DeregisterAsync(long n, CancellationToken cancellationToken) =>
        await _session.DeleteAsync(CompareRecord.InstancePath(n), cancellationToken) == ZooKeeperOps.Ok;

    /// <summary>A ping: ZooKeeper has no per-instance renewal; the session's pings keep all its ephemeral nodes.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> RenewAsync(long n, CancellationToken cancellationToken) =>
        await _session.PingAsync(cancellationToken) == ZooKeeperOps.Ok;

    public ValueTask<bool> RenewBatchAsync(long first, int count, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A ZooKeeper session renews itself with pings.");

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> DiscoverAsync(long service, int expected, CancellationToken cancellationToken)
    {
        var parent = CompareRecord.ServicePath(service);
        return await _session.GetChildrenWithDataAsync(parent, Encoding.UTF8.GetBytes(parent), cancellationToken) == expected;
    }

    public async Task<int> CountAsync(long service, CancellationToken cancellationToken)
    {
        var count = await _session.GetChildrenAsync(CompareRecord.ServicePath(service), watch: false, cancellationToken);
        return count == ZooKeeperOps.NoNode ? 0 : count;
    }

    public async Task WatchAsync(long service, CancellationToken cancellationToken)
    {
        _watched = CompareRecord.ServicePath(service);
        await CreateParentsAsync(service, cancellationToken);
        await RearmAsync(cancellationToken);
    }

    public ValueTask NextChangeAsync(CancellationToken cancellationToken) => _session.WaitForNotificationAsync(cancellationToken);

    /// <summary>ZooKeeper's watches fire once: a watcher reads the children again, leaving a new watch.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask RearmAsync(CancellationToken cancellationToken)
    {
        var count = await _session.GetChildrenAsync(_watched ?? throw new InvalidOperationException("Not watching."), watch: true, cancellationToken);
        if (count < 0)
        {
            throw new IOException($"getChildren of {_watched} failed with error {count}.");
        }
    }

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private async Task CreateParentsAsync(long service, CancellationToken cancellationToken)
    {
        foreach (var path in new[] { CompareRecord.Root, CompareRecord.ServicePath(service) })
        {
            var error = await _session.CreateAsync(path, [], ephemeral: false, cancellationToken);
            if (error is not (ZooKeeperOps.Ok or ZooKeeperOps.NodeExists))
            {
                throw new IOException($"Creating {path} failed with error {error}.");
            }
        }
    }
}
