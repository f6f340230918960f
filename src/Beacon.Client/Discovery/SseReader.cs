using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Beacon.Client.Discovery;

/// <summary>
/// One Server-Sent Event: its type, the last id seen, and its data (data lines joined with '\n') as
/// UTF-8 bytes, valid until the reader reads the next event.
/// </summary>
internal readonly record struct ServerSentEvent(string Type, string? Id, ReadOnlyMemory<byte> Data);

/// <summary>
/// Reads Server-Sent Events (the subset the registry writes: <c>event</c>, <c>id</c>, <c>data</c>,
/// comments; lines end in LF or CRLF) straight from the bytes of the stream: no string per line, no
/// string per event. A watching client reads one event per change, so with a thousand watchers in
/// one process this loop is the client side's hot path.
/// <para>
/// A stream silent for longer than the idle timeout is taken for dead: a half-open TCP connection
/// never reports an error by itself, and the registry sends keep-alive comments. The timer is reset
/// once per read from the stream, not once per line.
/// </para>
/// </summary>
internal sealed class SseReader : IDisposable
{
    private const int InitialBufferSize = 16 * 1024;

    private readonly Stream _stream;
    private readonly TimeSpan _idleTimeout;
    private readonly CancellationToken _cancellation;
    private readonly CancellationTokenSource _idle;
    private readonly ArrayBufferWriter<byte> _data = new();
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);

    // The bytes read but not yet parsed: [_start, _end) of _buffer.
    private int _start;
    private int _end;

    // The event being parsed; it may span several reads.
    private string _type = "message";
    private string? _id;
    private bool _hasData;

    // The last event returned still owns _data until the next call.
    private bool _handedOut;

    public SseReader(Stream stream, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        _stream = stream;
        _idleTimeout = idleTimeout;
        _cancellation = cancellationToken;
        _idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>The next event, or null when the stream ends.</summary>
    /// <exception cref="TimeoutException">The stream was silent for longer than the idle timeout.</exception>
    /// <remarks>
    /// Pooled state machines: a watcher waits here for every change, and the reader is used by one loop
    /// at a time, as pooling requires (each result awaited once, before the next call).
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ServerSentEvent?> ReadAsync()
    {
        if (_handedOut)
        {
            _data.ResetWrittenCount();
            _hasData = false;
            _handedOut = false;
        }

        while (true)
        {
            if (TryParseEvent() is { } complete)
            {
                return complete;
            }

            if (!await FillAsync())
            {
                return null;
            }
        }
    }

    public void Dispose()
    {
        _idle.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>Parses the complete lines in the buffer until one ends an event.</summary>
    private ServerSentEvent? TryParseEvent()
    {
        while (true)
        {
            var unread = _buffer.AsSpan(_start, _end - _start);
            var newline = unread.IndexOf((byte)'\n');
            if (newline < 0)
            {
                return null;
            }

            var line = unread[..newline];
            _start += newline + 1;
            if (line is [.., (byte)'\r'])
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                if (_hasData)
                {
                    var complete = new ServerSentEvent(_type, _id, _data.WrittenMemory);
                    _type = "message";
                    _handedOut = true;
                    return complete;
                }

                _type = "message";
                continue;
            }

            if (line[0] == (byte)':')
            {
                continue;
            }

            ParseField(line);
        }
    }

    private void ParseField(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (value is [(byte)' ', ..])
        {
            value = value[1..];
        }

        if (field.SequenceEqual("data"u8))
        {
            if (_hasData)
            {
                _data.Write("\n"u8);
            }

            _data.Write(value);
            _hasData = true;
        }
        else if (field.SequenceEqual("event"u8))
        {
            _type = value.SequenceEqual("change"u8) ? "change"
                : value.SequenceEqual("snapshot"u8) ? "snapshot"
                : Encoding.UTF8.GetString(value);
        }
        else if (field.SequenceEqual("id"u8))
        {
            _id = Encoding.UTF8.GetString(value);
        }
    }

    /// <summary>Reads more bytes after the unparsed ones; false at the end of the stream.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> FillAsync()
    {
        var unread = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
            _start = 0;
            _end = unread;
        }

        if (_end == _buffer.Length)
        {
            // One line longer than the buffer (a large snapshot): grow.
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        _idle.CancelAfter(_idleTimeout);
        int read;
        try
        {
            read = await _stream.ReadAsync(_buffer.AsMemory(_end), _idle.Token);
        }
        catch (OperationCanceledException) when (!_cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"The watch stream was silent for {_idleTimeout}.");
        }

        _end += read;
        return read > 0;
    }
}
