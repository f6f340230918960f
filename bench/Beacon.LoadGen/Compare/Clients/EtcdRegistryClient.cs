using System.Net;
using System.Runtime.CompilerServices;
using Beacon.LoadGen.Compare.Systems;
using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Beacon.LoadGen.Compare.Clients;

/// <summary>
/// An etcd client on its own gRPC channel (one HTTP/2 connection) to one member, through
/// <c>dotnet-etcd</c>'s <see cref="EtcdClient"/> for the unary calls. Lease keep-alives and watches
/// are streams; for those it uses the gRPC stubs dotnet-etcd ships (its own helpers open a stream per
/// call or run a timer), the way etcd's Go client keeps one keep-alive stream and one watch stream open.
/// </summary>
public sealed class EtcdRegistryClient : IRegistryClient
{
    private readonly GrpcChannel _channel;
    private readonly EtcdClient _etcd;
    private readonly Lease.LeaseClient _lease;
    private readonly Watch.WatchClient _watch;
    private readonly EtcdLeases _leases;
    private readonly byte[] _record = new byte[1024];
    private readonly CancellationTokenSource _life = new();
    private AsyncDuplexStreamingCall<LeaseKeepAliveRequest, LeaseKeepAliveResponse>? _keepAlive;
    private AsyncDuplexStreamingCall<WatchRequest, WatchResponse>? _watching;

    public EtcdRegistryClient(IPEndPoint member, EtcdLeases leases)
    {
        _channel = GrpcChannel.ForAddress($"http://{member}");
        var invoker = _channel.CreateCallInvoker();
        _etcd = new EtcdClient(invoker);
        _lease = new Lease.LeaseClient(invoker);
        _watch = new Watch.WatchClient(invoker);
        _leases = leases;
    }

    public async ValueTask<bool> RegisterAsync(long n, CancellationToken cancellationToken)
    {
        var lease = await _etcd.LeaseGrantAsync(new LeaseGrantRequest { TTL = CompareRecord.LeaseSeconds }, cancellationToken: cancellationToken);
        var length = CompareRecord.Write(_record, n);
        await _etcd.PutAsync(new PutRequest
        {
            Key = ByteString.CopyFromUtf8(CompareRecord.InstancePath(n)),
            Value = ByteString.CopyFrom(_record, 0, length),
            Lease = lease.ID,
        }, cancellationToken: cancellationToken);
        _leases.Set(n, lease.ID);
        return true;
    }

    public async ValueTask<bool> DeregisterAsync(long n, CancellationToken cancellationToken) =>
        (await _etcd.DeleteAsync(CompareRecord.InstancePath(n), cancellationToken: cancellationToken)).Deleted == 1;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> RenewAsync(long n, CancellationToken cancellationToken)
    {
        _keepAlive ??= _lease.LeaseKeepAlive(cancellationToken: _life.Token);
        await _keepAlive.RequestStream.WriteAsync(new LeaseKeepAliveRequest { ID = _leases.Get(n) }, cancellationToken);
        return await _keepAlive.ResponseStream.MoveNext(cancellationToken) && _keepAlive.ResponseStream.Current.TTL > 0;
    }

    public ValueTask<bool> RenewBatchAsync(long first, int count, CancellationToken cancellationToken) =>
        throw new NotSupportedException("etcd renews one lease per keep-alive request.");

    public async ValueTask<bool> DiscoverAsync(long service, int expected, CancellationToken cancellationToken)
    {
        var range = await _etcd.GetAsync(Range(service, countOnly: false), cancellationToken: cancellationToken);
        return range.Kvs.Count == expected;
    }

    public async Task<int> CountAsync(long service, CancellationToken cancellationToken) =>
        (int)(await _etcd.GetAsync(Range(service, countOnly: true), cancellationToken: cancellationToken)).Count;

    public async Task WatchAsync(long service, CancellationToken cancellationToken)
    {
        var prefix = Prefix(service);
        _watching = _watch.Watch(cancellationToken: _life.Token);
        await _watching.RequestStream.WriteAsync(new WatchRequest
        {
            CreateRequest = new WatchCreateRequest { Key = prefix, RangeEnd = EtcdClient.GetRangeEnd(prefix) },
        }, cancellationToken);
        while (await _watching.ResponseStream.MoveNext(cancellationToken) && !_watching.ResponseStream.Current.Created)
        {
        }
    }

    public async ValueTask NextChangeAsync(CancellationToken cancellationToken)
    {
        var watching = _watching ?? throw new InvalidOperationException("Not watching.");
        while (await watching.ResponseStream.MoveNext(cancellationToken))
        {
            if (watching.ResponseStream.Current.Events.Count > 0)
            {
                return;
            }
        }

        throw new IOException("etcd closed the watch stream.");
    }

    public ValueTask RearmAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _life.CancelAsync();
        _keepAlive?.Dispose();
        _watching?.Dispose();
        _channel.Dispose();
        _life.Dispose();
    }

    private static ByteString Prefix(long service) => ByteString.CopyFromUtf8(CompareRecord.ServicePath(service) + "/");

    /// <summary>Every key under the service's prefix; serializable: answered by the member from its own copy, without a quorum round.</summary>
    private RangeRequest Range(long service, bool countOnly)
    {
        var prefix = Prefix(service);
        return new RangeRequest
        {
            Key = prefix,
            RangeEnd = EtcdClient.GetRangeEnd(prefix),
            Serializable = true,
            CountOnly = countOnly,
        };
    }
}
