using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Beacon.LoadGen.Http;
using Beacon.LoadGen.Scenarios;

namespace Beacon.LoadGen.Compare.Clients;

/// <summary>
/// A Beacon client on one keep-alive HTTP/1.1 connection (<see cref="RawHttpConnection"/>, the client
/// of the single-node benchmarks): the requests the SDK sends, written into a reused buffer.
/// </summary>
public sealed class BeaconRegistryClient : IRegistryClient
{
    // Batches of heartbeats are the same bytes for every client: build each once.
    private static readonly ConcurrentDictionary<(long First, int Count), byte[]> s_batches = new();

    private readonly IPEndPoint _endPoint;
    private readonly RawHttpConnection _connection;
    private readonly bool _gzip;
    private readonly string _host;
    private readonly byte[] _request = new byte[2048];
    private readonly byte[] _body = new byte[1024];
    private SseChangeReader? _watch;

    private BeaconRegistryClient(IPEndPoint endPoint, RawHttpConnection connection, bool gzip)
    {
        _endPoint = endPoint;
        _connection = connection;
        _gzip = gzip;
        _host = endPoint.ToString();
    }

    public static async Task<BeaconRegistryClient> ConnectAsync(IPEndPoint endPoint, bool gzip, CancellationToken cancellationToken) =>
        new(endPoint, await RawHttpConnection.ConnectAsync(endPoint, cancellationToken, bufferSize: 64 * 1024), gzip);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> RegisterAsync(long n, CancellationToken cancellationToken)
    {
        var length = InstanceData.WriteRegisterRequest(_request, _body, n, _host, leaseSeconds: CompareRecord.LeaseSeconds);
        var result = await _connection.SendAsync(_request.AsMemory(0, length), cancellationToken);
        return result.Status is 201 or 200;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> DeregisterAsync(long n, CancellationToken cancellationToken)
    {
        var length = Fits(Utf8.TryWrite(_request, $"DELETE /v1/services/svc{n / InstanceData.InstancesPerService}/instances/svc{n / InstanceData.InstancesPerService}-{n % InstanceData.InstancesPerService} HTTP/1.1\r\nHost: {_host}\r\n\r\n", out var written), written);
        return (await _connection.SendAsync(_request.AsMemory(0, length), cancellationToken)).Status == 204;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> RenewAsync(long n, CancellationToken cancellationToken)
    {
        var length = Fits(Utf8.TryWrite(_request, $"POST /v1/services/svc{n / InstanceData.InstancesPerService}/instances/svc{n / InstanceData.InstancesPerService}-{n % InstanceData.InstancesPerService}/heartbeat HTTP/1.1\r\nHost: {_host}\r\nContent-Length: 0\r\n\r\n", out var written), written);
        return (await _connection.SendAsync(_request.AsMemory(0, length), cancellationToken)).Status == 200;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> RenewBatchAsync(long first, int count, CancellationToken cancellationToken)
    {
        var request = s_batches.GetOrAdd((first, count), static key => BatchRequest(key.First, key.Count));
        return (await _connection.SendAsync(request, cancellationToken)).Status == 200;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> DiscoverAsync(long service, int expected, CancellationToken cancellationToken)
    {
        var length = _gzip
            ? Fits(Utf8.TryWrite(_request, $"GET /v1/services/svc{service} HTTP/1.1\r\nHost: {_host}\r\nAccept-Encoding: gzip\r\n\r\n", out var zipped), zipped)
            : Fits(Utf8.TryWrite(_request, $"GET /v1/services/svc{service} HTTP/1.1\r\nHost: {_host}\r\n\r\n", out var written), written);
        var result = await _connection.SendAsync(_request.AsMemory(0, length), cancellationToken);
        // The body is skipped: CountAsync checked once, at setup, that it holds every instance.
        return result.Status == 200 && result.BodyLength > 0;
    }

    public async Task<int> CountAsync(long service, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://{_host}") };
        using var response = await client.GetAsync(new Uri($"/v1/services/svc{service}?status=all&healthy=any", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return 0;
        }

        using var json = System.Text.Json.JsonDocument.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("instances").GetArrayLength();
    }

    public async Task WatchAsync(long service, CancellationToken cancellationToken) =>
        _watch = await SseChangeReader.OpenAsync(_endPoint, $"/v1/watch?services=svc{service}", cancellationToken);

    public ValueTask NextChangeAsync(CancellationToken cancellationToken) =>
        (_watch ?? throw new InvalidOperationException("Not watching.")).NextChangeAsync(cancellationToken);

    public ValueTask RearmAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }
    }

    private static int Fits(bool written, int length) =>
        written ? length : throw new InvalidOperationException("The request does not fit its buffer.");

    private static byte[] BatchRequest(long first, int count)
    {
        var json = new StringBuilder("{\"namespace\":\"default\",\"instances\":[");
        for (var n = first; n < first + count; n++)
        {
            json.Append(n == first ? "" : ",")
                .Append("{\"service\":\"").Append(InstanceData.ServiceOf(n))
                .Append("\",\"id\":\"").Append(InstanceData.IdOf(n)).Append("\"}");
        }

        return RequestWriter.Build("POST", "/v1/heartbeats", "beacon", Encoding.UTF8.GetBytes(json.Append("]}").ToString()));
    }
}
