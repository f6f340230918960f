using System.Buffers;
using Beacon.Contracts;
using System.Collections.Concurrent;
using Beacon.Cluster.Hosting;
using Beacon.Cluster.Membership;
using Beacon.Cluster.Peers;
using Beacon.Cluster.Wire;
using Microsoft.Extensions.Logging;

namespace Beacon.Cluster.Replication;

/// <summary>
/// The replication stream to one peer: a bounded queue of changes and one sender. Woken from idle,
/// the sender waits <see cref="ClusterOptions.ReplicationBatchDelay"/> for more changes to queue up
/// (unless a full batch is already waiting); then it sends everything queued (up to
/// <see cref="ClusterOptions.MaxBatchSize"/>) as one batch, and keeps sending what queues up while
/// each batch is on the wire until the queue is empty. So batches grow with load and a trickle does
/// not cost a request per change. A slow or dead peer only fills its own queue; past
/// <see cref="ClusterOptions.PeerQueueCapacity"/> the oldest changes are dropped (never the client's
/// request, never another peer's stream), the link remembers to resend its leases, and anti-entropy
/// repairs the records.
/// </summary>
internal sealed class PeerLink : IAsyncDisposable
{
    private static readonly TimeSpan[] s_retryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250)];

    private readonly ConcurrentQueue<Queued> _queue = new();
    private readonly ArrayBufferWriter<byte> _encoded = new(64 * 1024); // reused by every send: one batch in flight at a time
    private readonly SemaphoreSlim _wake = new(0);
    private readonly MemberSet _members;
    private readonly PeerClient _client;
    private readonly Replicator _replicator;
    private readonly ClusterOptions _options;
    private readonly ILogger _logger;
    private readonly IClusterMetrics _metrics;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sender;
    private volatile bool _needsLeaseResync;
    private volatile bool _lastAttemptFailed;
    private int _wakePending;
    private int _inFlight;
    private long _sent;
    private long _failed;
    private long _dropped;

    public PeerLink(Member peer, MemberSet members, PeerClient client, Replicator replicator, ClusterOptions options, IClusterMetrics metrics, ILogger logger)
    {
        _metrics = metrics;
        Peer = peer;
        _members = members;
        _client = client;
        _replicator = replicator;
        _options = options;
        _logger = logger;
        _sender = Task.Run(SendLoopAsync);
    }

    public Member Peer { get; }

    /// <summary>Changes waiting to be sent.</summary>
    public int Backlog => _queue.Count;

    /// <summary>Changes delivered.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Changes whose request failed after retries.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Changes dropped: the queue overflowed, or the peer was down.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>True while nothing is queued or being sent.</summary>
    public bool Idle => _queue.IsEmpty && Volatile.Read(ref _inFlight) == 0;

    /// <summary>False after a send failed, until one succeeds: flushing need not wait for such a peer.</summary>
    public bool Healthy => !_lastAttemptFailed;

    public void Enqueue(IReadOnlyList<ReplicationItem> items)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var item in items)
        {
            _queue.Enqueue(new Queued(item, now));
        }

        var excess = _queue.Count - _options.PeerQueueCapacity;
        for (var i = 0; i < excess && _queue.TryDequeue(out _); i++)
        {
            Interlocked.Increment(ref _dropped);
            _needsLeaseResync = true;
            _metrics.ReplicationFailed(Peer.Id, "overflow");
        }

        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            _wake.Release();
        }
    }

    private async Task SendLoopAsync()
    {
        var token = _stop.Token;
        var batch = new List<ReplicationItem>(_options.MaxBatchSize);
        try
        {
            while (true)
            {
                await _wake.WaitAsync(token);
                Volatile.Write(ref _wakePending, 0);
                // Woken from idle: let a trickle gather. A link that stays busy sends what queued
                // during its previous request without waiting, as large a batch as the load makes.
                // (The link is not Idle meanwhile: its queue is not empty.)
                if (_options.ReplicationBatchDelay > TimeSpan.Zero && !_queue.IsEmpty && _queue.Count < _options.MaxBatchSize)
                {
                    await Task.Delay(_options.ReplicationBatchDelay, token);
                }

                while (!_queue.IsEmpty)
                {
                    Interlocked.Exchange(ref _inFlight, 1);
                    try
                    {
                        batch.Clear();
                        var oldest = 0L;
                        while (batch.Count < _options.MaxBatchSize && _queue.TryDequeue(out var queued))
                        {
                            oldest = batch.Count == 0 ? queued.EnqueuedAt : oldest;
                            batch.Add(queued.Item);
                        }

                        await SendBatchAsync(batch, oldest, token);
                        _metrics.SetReplicationBacklog(Peer.Id, _queue.Count);
                    }
                    finally
                    {
                        Interlocked.Exchange(ref _inFlight, 0);
                    }
                }
            }
        }
        catch (Exception e) when (token.IsCancellationRequested && e is OperationCanceledException or HttpRequestException or IOException)
        {
            // Stopping: a send cut short (cancelled, or the peer shut down under it) is moot, and must
            // not fail the node's disposal.
        }
    }

    private async Task SendBatchAsync(List<ReplicationItem> batch, long oldestEnqueuedAt, CancellationToken token)
    {
        if (_members.StateOf(Peer) == MemberState.Down)
        {
            // Posting to a dead peer would only hold up the queue: drop, and let the lease resync
            // and anti-entropy catch it up when it is back.
            Interlocked.Add(ref _dropped, batch.Count);
            _needsLeaseResync = true;
            _metrics.ReplicationFailed(Peer.Id, "down");
            return;
        }

        // A peer still copying its registry gets the leases from its copy: re-sending them now would
        // only make it answer "unknown" for each one not copied yet, and get the full record twice.
        if (_needsLeaseResync && Peer.Ready && await ResyncLeasesAsync(token))
        {
            _needsLeaseResync = false;
        }

        if (await SendAsync(batch, token))
        {
            Interlocked.Add(ref _sent, batch.Count);
            _metrics.Replicated(Peer.Id, batch.Count);
            _metrics.RecordReplicationLag(Peer.Id, System.Diagnostics.Stopwatch.GetElapsedTime(oldestEnqueuedAt));
        }
        else
        {
            Interlocked.Add(ref _failed, batch.Count);
            _needsLeaseResync = true;
        }
    }

    private async Task<bool> SendAsync(IReadOnlyList<ReplicationItem> items, CancellationToken token)
    {
        var encoded = _replicator.Encode(_encoded, items, _replicator.IsOtherZone(Peer));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var result = await _client.ReplicateAsync(Peer, encoded, token);
                _lastAttemptFailed = false;
                Peer.Contacted(_members.NowMs);
                if (result.Unknown.Count > 0)
                {
                    _replicator.SendFullRecords(this, result.Unknown);
                }

                return true;
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException or IOException) && !token.IsCancellationRequested)
            {
                _lastAttemptFailed = true;
                _metrics.ReplicationFailed(Peer.Id, Reason(e));
                if (attempt >= s_retryDelays.Length)
                {
                    Log.ReplicationFailed(_logger, Peer.Id, e.Message);
                    return false;
                }

                await Task.Delay(s_retryDelays[attempt], token);
            }
        }
    }

    /// <summary>Sends the peer every lease this node holds from its own clients, after changes were lost.</summary>
    private async Task<bool> ResyncLeasesAsync(CancellationToken token)
    {
        foreach (var chunk in _replicator.LocalLeases().Chunk(_options.MaxBatchSize))
        {
            if (!await SendAsync(chunk, token))
            {
                return false;
            }
        }

        Log.LeasesResynced(_logger, Peer.Id);
        return true;
    }

    private static string Reason(Exception e) => e switch
    {
        TaskCanceledException => "timeout",
        HttpRequestException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } } => "refused",
        HttpRequestException { StatusCode: not null } => "rejected",
        _ => "error",
    };

    public async ValueTask DisposeAsync()
    {
        _metrics.RemovePeer(Peer.Id);
        await _stop.CancelAsync();
        try
        {
            await _sender;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _wake.Dispose();
    }

    /// <summary>A change waiting for this peer, and when it was queued (for the lag metric).</summary>
    private readonly record struct Queued(ReplicationItem Item, long EnqueuedAt);
}
