using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Beacon.LoadGen.Compare.ZooKeeper;

/// <summary>
/// One ZooKeeper session over one socket, speaking the client protocol directly (connect, create,
/// delete, getChildren, getData, ping, watch notifications). The NuGet mirror has no maintained
/// .NET ZooKeeper client, so this implements the few requests the comparison needs, as the Java
/// client sends them (ClientCnxn): requests in order, answers in the same order, notifications
/// (xid -1) interleaved. Used by one task at a time; like the raw HTTP client it reuses its
/// buffers and allocates nothing per request.
/// </summary>
public sealed class ZooKeeperConnection : IAsyncDisposable
{
    private static readonly byte[] s_world = "world"u8.ToArray();
    private static readonly byte[] s_anyone = "anyone"u8.ToArray();
    private static readonly byte[] s_noPassword = new byte[16];

    private readonly Socket _socket;
    private readonly byte[] _send = new byte[256 * 1024];
    private byte[] _receive = new byte[64 * 1024];
    private int _start;
    private int _end;
    private int _frameLength;
    private int _xid;
    private int _unreadNotifications;

    private ZooKeeperConnection(Socket socket) => _socket = socket;

    public long SessionId { get; private set; }

    /// <summary>The session timeout the server granted.</summary>
    public TimeSpan SessionTimeout { get; private set; }

    /// <summary>Opens a session (ConnectRequest, protocol version 0, a new session).</summary>
    public static async Task<ZooKeeperConnection> ConnectAsync(IPEndPoint server, TimeSpan sessionTimeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var connection = new ZooKeeperConnection(socket);
        try
        {
            await socket.ConnectAsync(server, cancellationToken);
            var length = WriteConnectRequest(connection._send, (int)sessionTimeout.TotalMilliseconds);
            await connection.SendAsync(length, cancellationToken);
            await connection.ReadFrameAsync(cancellationToken);
            // ConnectResponse: protocolVersion, timeOut, sessionId, passwd (and readOnly).
            var body = connection.Frame;
            var granted = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
            connection.SessionId = BinaryPrimitives.ReadInt64BigEndian(body[8..]);
            connection.SessionTimeout = TimeSpan.FromMilliseconds(granted);
            return granted > 0 ? connection : throw new IOException("ZooKeeper refused the session.");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a node (persistent or ephemeral, open ACL); returns the ZooKeeper error code (0: created).</summary>
    public ValueTask<int> CreateAsync(string path, ReadOnlySpan<byte> data, bool ephemeral, CancellationToken cancellationToken)
    {
        var writer = Begin(ZooKeeperOps.Create);
        writer.WriteString(path);
        writer.WriteBytes(data);
        writer.WriteInt(1); // one ACL: ZooDefs.Ids.OPEN_ACL_UNSAFE
        writer.WriteInt(31); // Perms.ALL
        writer.WriteBytes(s_world);
        writer.WriteBytes(s_anyone);
        writer.WriteInt(ephemeral ? ZooKeeperOps.Ephemeral : 0);
        writer.EndFrame();
        return RoundTripAsync(writer.Length, cancellationToken);
    }

    /// <summary>Deletes a node whatever its version; returns the error code.</summary>
    public ValueTask<int> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var writer = Begin(ZooKeeperOps.Delete);
        writer.WriteString(path);
        writer.WriteInt(-1);
        writer.EndFrame();
        return RoundTripAsync(writer.Length, cancellationToken);
    }

    /// <summary>A ping: what keeps a session (and its ephemeral nodes) alive.</summary>
    public ValueTask<int> PingAsync(CancellationToken cancellationToken)
    {
        var writer = new JuteWriter(_send);
        writer.BeginFrame();
        writer.WriteInt(ZooKeeperOps.PingXid);
        writer.WriteInt(ZooKeeperOps.Ping);
        writer.EndFrame();
        return RoundTripAsync(writer.Length, cancellationToken);
    }

    /// <summary>getChildren of <paramref name="path"/>, optionally leaving a watch; returns the number of children (or a negative error).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> GetChildrenAsync(string path, bool watch, CancellationToken cancellationToken)
    {
        var writer = Begin(ZooKeeperOps.GetChildren);
        writer.WriteString(path);
        writer.WriteBool(watch);
        writer.EndFrame();
        var error = await RoundTripAsync(writer.Length, cancellationToken);
        return error != ZooKeeperOps.Ok ? error : BinaryPrimitives.ReadInt32BigEndian(Frame[16..]);
    }

    /// <summary>
    /// A service's instances with their data: getChildren of <paramref name="parent"/>, then a getData
    /// of every child, all sent at once (pipelined, as the asynchronous Java API does) and answered in
    /// order. Returns the number of children read with their data, or -1 when any request failed.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> GetChildrenWithDataAsync(string parent, byte[] parentUtf8, CancellationToken cancellationToken)
    {
        var writer = Begin(ZooKeeperOps.GetChildren);
        writer.WriteString(parent);
        writer.WriteBool(false);
        writer.EndFrame();
        if (await RoundTripAsync(writer.Length, cancellationToken) != ZooKeeperOps.Ok)
        {
            return -1;
        }

        var children = WriteGetDataOfChildren(parentUtf8, out var length);
        await SendAsync(length, cancellationToken);
        var failed = false;
        for (var i = 0; i < children; i++)
        {
            await ReadReplyAsync(cancellationToken);
            // An error, or a node without data, fails the read.
            var frame = Frame;
            failed |= BinaryPrimitives.ReadInt32BigEndian(frame[12..]) != ZooKeeperOps.Ok ||
                      BinaryPrimitives.ReadInt32BigEndian(frame[16..]) <= 0;
        }

        return failed ? -1 : children;
    }

    /// <summary>Waits for the next watch notification (one already received counts).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WaitForNotificationAsync(CancellationToken cancellationToken)
    {
        while (_unreadNotifications == 0)
        {
            await ReadFrameAsync(cancellationToken);
            if (BinaryPrimitives.ReadInt32BigEndian(Frame) == ZooKeeperOps.NotificationXid)
            {
                _unreadNotifications++;
            }
        }

        _unreadNotifications--;
    }

    /// <summary>Closes the session (its ephemeral nodes go with it) and the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.Connected && SessionId != 0)
            {
                var writer = Begin(ZooKeeperOps.CloseSession);
                writer.EndFrame();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await SendAsync(writer.Length, timeout.Token);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            // Gone already: the server expires the session.
        }

        _socket.Dispose();
    }

    private ReadOnlySpan<byte> Frame => _receive.AsSpan(_start, _frameLength);

    private JuteWriter Begin(int opcode)
    {
        var writer = new JuteWriter(_send);
        writer.BeginFrame();
        writer.WriteInt(++_xid);
        writer.WriteInt(opcode);
        return writer;
    }

    private int WriteGetDataOfChildren(byte[] parentUtf8, out int length)
    {
        // The getChildren answer: ReplyHeader (xid, zxid, err), then vector<ustring>.
        var body = Frame[16..];
        var count = BinaryPrimitives.ReadInt32BigEndian(body);
        var offset = 4;
        var writer = new JuteWriter(_send);
        for (var i = 0; i < count; i++)
        {
            var nameLength = BinaryPrimitives.ReadInt32BigEndian(body[offset..]);
            var name = body.Slice(offset + 4, nameLength);
            offset += 4 + nameLength;
            writer.BeginFrame();
            writer.WriteInt(++_xid);
            writer.WriteInt(ZooKeeperOps.GetData);
            writer.WritePath(parentUtf8, name);
            writer.WriteBool(false);
            writer.EndFrame();
        }

        length = writer.Length;
        return count;
    }

    private static int WriteConnectRequest(byte[] into, int timeoutMs)
    {
        var writer = new JuteWriter(into);
        writer.BeginFrame();
        writer.WriteInt(0); // protocolVersion
        writer.WriteLong(0); // lastZxidSeen
        writer.WriteInt(timeoutMs);
        writer.WriteLong(0); // sessionId: a new session
        writer.WriteBytes(s_noPassword); // passwd: none yet
        writer.WriteBool(false); // readOnly
        writer.EndFrame();
        return writer.Length;
    }

    /// <summary>Sends one request and reads its answer; returns the answer's error code (its body stays in <see cref="Frame"/>).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> RoundTripAsync(int length, CancellationToken cancellationToken)
    {
        await SendAsync(length, cancellationToken);
        await ReadReplyAsync(cancellationToken);
        return BinaryPrimitives.ReadInt32BigEndian(Frame[12..]);
    }

    /// <summary>Reads frames until an answer to a request (not a notification) is in <see cref="Frame"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadReplyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await ReadFrameAsync(cancellationToken);
            if (BinaryPrimitives.ReadInt32BigEndian(Frame) != ZooKeeperOps.NotificationXid)
            {
                return;
            }

            _unreadNotifications++;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAsync(int length, CancellationToken cancellationToken)
    {
        var pending = _send.AsMemory(0, length);
        while (!pending.IsEmpty)
        {
            var sent = await _socket.SendAsync(pending, SocketFlags.None, cancellationToken);
            pending = pending[sent..];
        }
    }

    /// <summary>Drops the previous frame and reads the next whole one (after its length prefix) into <see cref="Frame"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadFrameAsync(CancellationToken cancellationToken)
    {
        _start += _frameLength;
        _frameLength = 0;
        while (_end - _start < 4)
        {
            await FillAsync(cancellationToken);
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(_receive.AsSpan(_start));
        _start += 4;
        while (_end - _start < length)
        {
            await FillAsync(cancellationToken, length);
        }

        _frameLength = length;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FillAsync(CancellationToken cancellationToken, int needed = 0)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _receive.Length || _start + needed > _receive.Length)
        {
            // Keep the unread bytes at the front (of a bigger buffer when a frame does not fit).
            var unread = _end - _start;
            var target = Math.Max(unread, needed) >= _receive.Length ? new byte[Math.Max(unread, needed) * 2] : _receive;
            Buffer.BlockCopy(_receive, _start, target, 0, unread);
            _receive = target;
            _start = 0;
            _end = unread;
        }

        var received = await _socket.ReceiveAsync(_receive.AsMemory(_end), SocketFlags.None, cancellationToken);
        if (received == 0)
        {
            throw new IOException("ZooKeeper closed the connection.");
        }

        _end += received;
    }
}
