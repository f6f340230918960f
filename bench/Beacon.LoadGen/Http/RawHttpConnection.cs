using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Beacon.LoadGen.Http;

/// <summary>
/// A keep-alive HTTP/1.1 client over one socket, without pipelining: write a prebuilt request, read
/// the response, skip its body. On this 2-core machine the load generator competes with the server
/// for CPU, and this client costs a fraction of HttpClient per request (see docs/benchmarks.md), so
/// more of the machine goes to the server being measured. The same client measures the trivial
/// endpoint, so the ratio between them is fair. The steady state allocates nothing: the async
/// methods use pooled builders and the receive buffer is reused.
/// </summary>
public sealed class RawHttpConnection : ILoadConnection
{
    private readonly Socket _socket;
    private byte[] _buffer;
    private int _start;
    private int _end;

    private RawHttpConnection(Socket socket, int bufferSize)
    {
        _socket = socket;
        _buffer = new byte[bufferSize];
    }

    /// <summary>Connects; the receive buffer starts at <paramref name="bufferSize"/> bytes and grows when a head needs more.</summary>
    public static async Task<RawHttpConnection> ConnectAsync(
        IPEndPoint server, CancellationToken cancellationToken, int bufferSize = 16 * 1024)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancellationToken);
            return new RawHttpConnection(socket, bufferSize);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<HttpResult> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        while (!request.IsEmpty)
        {
            var sent = await _socket.SendAsync(request, SocketFlags.None, cancellationToken);
            request = request[sent..];
        }

        return await ReadResponseAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<HttpResult> ReadResponseAsync(CancellationToken cancellationToken)
    {
        ResponseHead head;
        while (!ResponseParser.TryParseHead(Buffered, out head))
        {
            await FillAsync(cancellationToken);
        }

        _start += head.Length;
        var bodyLength = head.Chunked
            ? await SkipChunkedBodyAsync(cancellationToken)
            : await SkipAsync(head.ContentLength, cancellationToken);
        return new HttpResult(head.Status, head.Revision, bodyLength);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<long> SkipChunkedBodyAsync(CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            long size;
            int lineLength;
            while (!ResponseParser.TryParseChunkHeader(Buffered, out size, out lineLength))
            {
                await FillAsync(cancellationToken);
            }

            _start += lineLength;
            // The chunk's data and the CRLF after it; for the last (empty) chunk, the final CRLF
            // (Kestrel sends no trailers).
            await SkipAsync(size + 2, cancellationToken);
            if (size == 0)
            {
                return total;
            }

            total += size;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<long> SkipAsync(long count, CancellationToken cancellationToken)
    {
        var remaining = count;
        while (true)
        {
            var take = (int)Math.Min(remaining, _end - _start);
            _start += take;
            remaining -= take;
            if (remaining == 0)
            {
                return count;
            }

            await FillAsync(cancellationToken);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            // Keep the unread bytes, at the front of the buffer (or of a bigger one if they fill it).
            var unread = _end - _start;
            var target = unread == _buffer.Length ? new byte[_buffer.Length * 2] : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, unread);
            _buffer = target;
            _start = 0;
            _end = unread;
        }

        var received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        if (received == 0)
        {
            throw new IOException("The server closed the connection.");
        }

        _end += received;
    }
}
