using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace Beacon.LoadGen.Compare.Clients;

/// <summary>
/// Reads a Beacon watch stream (<c>text/event-stream</c>) on its own socket and counts its
/// <c>change</c> events, without parsing them: the watch benchmark needs to know when a change
/// arrived, not what it says. Each event is one write on the node, so its <c>event:</c> line is
/// never split by the chunked framing; a marker split between two reads is caught by rescanning the
/// last bytes of the previous read.
/// </summary>
public sealed class SseChangeReader : IAsyncDisposable
{
    private static readonly byte[] s_change = "event: change\n"u8.ToArray();
    private static readonly byte[] s_snapshot = "event: snapshot\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _carry;
    private int _unread;

    private SseChangeReader(Socket socket) => _socket = socket;

    /// <summary>Opens the stream and returns once its first snapshot event has arrived (the watch is in place).</summary>
    public static async Task<SseChangeReader> OpenAsync(IPEndPoint endPoint, string pathAndQuery, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var reader = new SseChangeReader(socket);
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {pathAndQuery} HTTP/1.1\r\nHost: {endPoint}\r\nAccept: text/event-stream\r\n\r\n"), cancellationToken);
            while (!await reader.ReceiveAsync(s_snapshot, cancellationToken))
            {
            }

            reader._unread = 0;
            return reader;
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the next change event (one that already arrived counts).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask NextChangeAsync(CancellationToken cancellationToken)
    {
        while (_unread == 0)
        {
            await ReceiveAsync(s_change, cancellationToken);
        }

        _unread--;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Receives once and counts the markers in it; true when at least one arrived.</summary>
    private async ValueTask<bool> ReceiveAsync(byte[] marker, CancellationToken cancellationToken)
    {
        var received = await _socket.ReceiveAsync(_buffer.AsMemory(_carry), SocketFlags.None, cancellationToken);
        if (received == 0)
        {
            throw new IOException("The node closed the watch stream.");
        }

        var data = _buffer.AsSpan(0, _carry + received);
        var found = 0;
        for (var at = data.IndexOf(marker); at >= 0; at = data.IndexOf(marker))
        {
            found++;
            data = data[(at + marker.Length)..];
        }

        // Keep the tail that could be the start of a marker completed by the next read.
        var keep = Math.Min(data.Length, marker.Length - 1);
        data[^keep..].CopyTo(_buffer);
        _carry = keep;
        _unread += found;
        return found > 0;
    }
}
