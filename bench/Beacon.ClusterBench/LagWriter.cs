using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Beacon.LoadGen.Http;

namespace Beacon.ClusterBench;

/// <summary>
/// The lag scenario's writer: registrations at a fixed rate (open loop: sent when due, whatever the
/// answers), over keep-alive HTTP/1.1 connections of the load generator's raw client. The writer
/// shares the 2 cores with the three nodes; HttpClient cost it ~55 µs of CPU per write, over a
/// quarter of the machine at 10,000/s, which starved the nodes it was measuring.
/// </summary>
internal sealed class LagWriter : IAsyncDisposable
{
    /// <summary>The writes spread over this many services, <c>lag-0</c> to <c>lag-99</c>.</summary>
    public const int Services = 100;

    /// <summary>A registration's body: sent again with another <paramref name="version"/>, an update of the instance.</summary>
    public static byte[] Body(int version) =>
        Encoding.UTF8.GetBytes($$$"""{"addresses":["http://10.0.0.5:8080"],"zone":"z1","version":"1.0.{{{version}}}","metadata":{"team":"bench"}}""");

    private readonly RawHttpConnection[] _connections;
    private readonly string _host;

    private LagWriter(RawHttpConnection[] connections, string host)
    {
        _connections = connections;
        _host = host;
    }

    /// <summary>Opens <paramref name="connections"/> connections: enough that a pause of a few hundred ms does not hold back sending.</summary>
    public static async Task<LagWriter> ConnectAsync(Uri node, int connections)
    {
        var endpoint = new IPEndPoint(IPAddress.Parse(node.Host), node.Port);
        var opened = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => RawHttpConnection.ConnectAsync(endpoint, CancellationToken.None)));
        return new LagWriter(opened, $"{node.Host}:{node.Port}");
    }

    /// <summary>
    /// Registers <c>{prefix}-{n}</c> with <see cref="Body"/>(<paramref name="version"/>) at
    /// <paramref name="rate"/> per second for <paramref name="duration"/>; records when each was acknowledged.
    /// </summary>
    public async Task WriteAsync(int rate, TimeSpan duration, string prefix, ConcurrentDictionary<string, long> acked, int version)
    {
        var body = Body(version);
        var due = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleWriter = true });
        var senders = _connections.Select(c => SendAsync(c, due.Reader, prefix, body, acked)).ToArray();
        await PaceAsync(rate, duration, n =>
        {
            due.Writer.TryWrite(n);
            return ValueTask.CompletedTask;
        });
        due.Writer.Complete();
        await Task.WhenAll(senders);
    }

    /// <summary>Hands out write numbers 0, 1, 2, … as they fall due at <paramref name="rate"/> per second, for <paramref name="duration"/>.</summary>
    public static async Task PaceAsync(int rate, TimeSpan duration, Func<long, ValueTask> send)
    {
        var clock = Stopwatch.StartNew();
        var sent = 0L;
        while (clock.Elapsed < duration)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            while (sent < due)
            {
                await send(sent++);
            }

            await Task.Delay(1);
        }
    }

    private async Task SendAsync(RawHttpConnection connection, ChannelReader<long> due, string prefix, byte[] body, ConcurrentDictionary<string, long> acked)
    {
        var request = new byte[1024];
        await foreach (var n in due.ReadAllAsync())
        {
            var id = $"{prefix}-{n}";
            var length = RequestWriter.Write(request, "PUT", $"/v1/services/lag-{n % Services}/instances/{id}", _host, body);
            var result = await connection.SendAsync(request.AsMemory(0, length), CancellationToken.None);
            if (result.Status is >= 200 and < 300)
            {
                acked[id] = Stopwatch.GetTimestamp();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }
}
