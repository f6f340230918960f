using System.Threading.Channels;
using Beacon.Cluster.Hosting;
using Beacon.Cluster.Membership;
using Beacon.Cluster.Peers;
using Beacon.Cluster.Wire;
using Microsoft.Extensions.Logging;

namespace Beacon.Cluster.Replication;

/// <summary>
/// The replication stream to one peer: a bounded queue of encoded batches and one sender that posts
/// them in order. A slow or dead peer only fills its own queue; when it overflows the oldest batches
/// are dropped (never the client's request, never another peer's stream), the link remembers that it
/// must resend its leases, and anti-entropy repairs the records the dropped batches carried.
/// </summary>
internal sealed class PeerLink : IAsyncDisposable
{
    private static readonly TimeSpan[] s_retryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250)];

    private readonly Channel<byte[]> _queue;
    private readonly MemberSet _members;
    private readonly PeerClient _client;
    private readonly Replicator _replicator;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sender;
    private volatile bool _needsLeaseResync;
    private volatile bool _lastAttemptFailed;
    private long _sent;
    private long _failed;
    private long _dropped;
    private int _inFlight;

    public PeerLink(Member peer, MemberSet members, PeerClient client, Replicator replicator, ClusterOptions options, ILogger logger)
    {
        Peer = peer;
        _members = members;
        _client = client;
        _replicator = replicator;
        _logger = logger;
        _queue = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(options.PeerQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => OnDropped());
        _sender = Task.Run(SendLoopAsync);
    }

    public Member Peer { get; }

    /// <summary>Batches waiting to be sent.</summary>
    public int Backlog => _queue.Reader.Count;

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>True while nothing is queued or being sent.</summary>
    public bool Idle => _queue.Reader.Count == 0 && Volatile.Read(ref _inFlight) == 0;

    /// <summary>False after a send failed, until one succeeds: flushing need not wait for such a peer.</summary>
    public bool Healthy => !_lastAttemptFailed;

    public void Enqueue(byte[] batch) => _queue.Writer.TryWrite(batch);

    private void OnDropped()
    {
        Interlocked.Increment(ref _dropped);
        _needsLeaseResync = true;
    }

    private async Task SendLoopAsync()
    {
        var token = _stop.Token;
        try
        {
            await foreach (var batch in _queue.Reader.ReadAllAsync(token))
            {
                Interlocked.Exchange(ref _inFlight, 1);
                try
                {
                    if (_members.StateOf(Peer) == MemberState.Down)
                    {
                        // Posting to a dead peer would only hold up the queue: drop, and let the
                        // lease resync and anti-entropy catch it up when it is back.
                        OnDropped();
                        continue;
                    }

                    if (_needsLeaseResync && await ResyncLeasesAsync(token))
                    {
                        _needsLeaseResync = false;
                    }

                    if (!await SendAsync(batch, token))
                    {
                        Interlocked.Increment(ref _failed);
                        _needsLeaseResync = true;
                    }
                }
                finally
                {
                    Interlocked.Exchange(ref _inFlight, 0);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> SendAsync(byte[] batch, CancellationToken token)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var result = await _client.ReplicateAsync(Peer, batch, token);
                _lastAttemptFailed = false;
                Peer.Contacted(_members.NowMs);
                Interlocked.Increment(ref _sent);
                if (result.Unknown.Count > 0)
                {
                    _replicator.SendFullRecords(this, result.Unknown);
                }

                return true;
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException or IOException) && !token.IsCancellationRequested)
            {
                _lastAttemptFailed = true;
                if (attempt >= s_retryDelays.Length)
                {
                    Log.ReplicationFailed(_logger, Peer.Id, e.Message);
                    return false;
                }

                await Task.Delay(s_retryDelays[attempt], token);
            }
        }
    }

    /// <summary>Sends the peer every lease this node holds from its own clients, after batches were lost.</summary>
    private async Task<bool> ResyncLeasesAsync(CancellationToken token)
    {
        foreach (var chunk in _replicator.LocalLeases().Chunk(2000))
        {
            if (!await SendAsync(_replicator.Encode(chunk, crossZone: _replicator.IsOtherZone(Peer)), token))
            {
                return false;
            }
        }

        Log.LeasesResynced(_logger, Peer.Id);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _sender;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
