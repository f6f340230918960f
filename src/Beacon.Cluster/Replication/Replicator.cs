using System.Buffers;
using Beacon.Contracts;
using System.Collections.Concurrent;
using System.Text.Json;
using Beacon.Cluster.Hosting;
using Beacon.Cluster.Membership;
using Beacon.Cluster.Peers;
using Beacon.Cluster.Wire;
using Beacon.Core.Changes;
using Beacon.Core.Model;
using Beacon.Core.Registry;
using Microsoft.Extensions.Logging;

namespace Beacon.Cluster.Replication;

/// <summary>
/// Sends this node's writes to its peers. Local changes and the heartbeats this node accepts go into
/// an outbox (a lock-free queue of structs: the heartbeat path allocates nothing); a pump drains it,
/// turns each change into a wire item once (the latest heartbeat per instance), and queues the items
/// on every peer's <see cref="PeerLink"/>, whose sender batches whatever has queued up. Peers of this
/// node's zone get everything; of every other zone one reachable node gets it, marked cross-zone,
/// and spreads it inside its zone only. What peers apply is never sent on again.
/// </summary>
internal sealed class Replicator : IRenewalSink, IAsyncDisposable
{
    private readonly ConcurrentQueue<Outgoing> _outbox = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly ConcurrentDictionary<string, PeerLink> _links = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _zoneRelay = new(StringComparer.Ordinal);
    private readonly ServiceRegistry _registry;
    private readonly MemberSet _members;
    private readonly PeerClient _client;
    private readonly ClusterOptions _options;
    private readonly ILogger _logger;
    private readonly IClusterMetrics _metrics;
    private readonly CancellationTokenSource _stop = new();
    private Task? _pump;
    private int _wakePending;
    private int _disposed;

    public Replicator(ServiceRegistry registry, MemberSet members, PeerClient client, ClusterOptions options, IClusterMetrics metrics, ILogger<Replicator> logger)
    {
        _metrics = metrics;
        _registry = registry;
        _members = members;
        _client = client;
        _options = options;
        _logger = logger;
    }

    public IEnumerable<PeerLink> Links => _links.Values;

    public PeerLink? LinkTo(string memberId) => _links.GetValueOrDefault(memberId);

    /// <summary>Changes not yet handed to the peers' links.</summary>
    public int OutboxLength => _outbox.Count;

    public void Start()
    {
        _members.Changed += SyncLinks;
        _registry.Committed += OnCommitted;
        _registry.RenewalSink = this;
        SyncLinks();
        _pump = Task.Run(PumpAsync);
    }

    public void OnRenewed(Instance instance, long atMs) => Enqueue(new Outgoing(null, instance, atMs));

    private void OnCommitted(Change change)
    {
        if (!change.Replicated)
        {
            Enqueue(new Outgoing(change, change.Instance, 0));
        }
    }

    private void Enqueue(Outgoing item)
    {
        _outbox.Enqueue(item);
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            _wake.Release();
        }
    }

    private async Task PumpAsync()
    {
        var token = _stop.Token;
        var items = new List<ReplicationItem>(_options.MaxBatchSize);
        var renewed = new Dictionary<Instance, int>(ReferenceEqualityComparer.Instance);
        try
        {
            while (!token.IsCancellationRequested)
            {
                await _wake.WaitAsync(token);
                Volatile.Write(ref _wakePending, 0);
                while (!_outbox.IsEmpty)
                {
                    items.Clear();
                    renewed.Clear();
                    while (items.Count < _options.MaxBatchSize && _outbox.TryDequeue(out var next))
                    {
                        Add(next, items, renewed);
                    }

                    Distribute(items, forwardOnly: false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private void Add(Outgoing next, List<ReplicationItem> items, Dictionary<Instance, int> renewed)
    {
        if (next.Change is { } change)
        {
            items.Add(change.IsRemoval ? PeerMapper.Remove(change) : PeerMapper.Put(change.Instance));
            return;
        }

        // Many heartbeats of one instance in one batch: only the latest matters.
        var renewal = PeerMapper.Renew(next.Instance, next.AtMs, _registry.NodeId);
        if (renewed.TryGetValue(next.Instance, out var index))
        {
            items[index] = renewal;
        }
        else
        {
            renewed[next.Instance] = items.Count;
            items.Add(renewal);
        }
    }

    /// <summary>
    /// Re-sends, inside this node's zone only, what a peer of another zone sent here (the receiving
    /// side of zone-to-zone replication).
    /// </summary>
    public void ForwardInZone(IReadOnlyList<ReplicationItem> items)
    {
        if (items.Count > 0)
        {
            Distribute(items, forwardOnly: true);
        }
    }

    /// <summary>Sends items on to every peer (as this node's own changes go): used for membership records.</summary>
    public void Flood(IReadOnlyList<ReplicationItem> items) => Distribute(items, forwardOnly: false);

    /// <summary>Answers a peer's "unknown" renewals with the full records, to that peer only.</summary>
    public void SendFullRecords(PeerLink link, IReadOnlyList<InstanceKey> keys)
    {
        var items = keys
            .Select(k => _registry.FindInstance(k.Namespace, k.Service, k.Id))
            .OfType<Instance>()
            .Select(PeerMapper.Put)
            .ToList();
        if (items.Count > 0)
        {
            link.Enqueue(items);
        }
    }

    /// <summary>Renewals of every instance whose latest heartbeat this node received itself.</summary>
    public IEnumerable<ReplicationItem> LocalLeases() =>
        _registry.AllServices()
            .SelectMany(s => s.Snapshot.Instances)
            .Where(i => i.Lease.RenewedVia == _registry.NodeId)
            .Select(i => PeerMapper.Renew(i, i.Lease.LastRenewedMs, i.Lease.RenewedVia));

    /// <summary>
    /// Encodes a batch into <paramref name="output"/>, which the caller reuses from batch to batch: a
    /// batch of 2,000 records is ~900 KB, and a fresh array for each (per peer) would be a large-object
    /// allocation, which the GC reclaims only in full collections.
    /// </summary>
    public ReadOnlyMemory<byte> Encode(ArrayBufferWriter<byte> output, IReadOnlyList<ReplicationItem> items, bool crossZone)
    {
        output.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, new ReplicationBatch { From = _members.Self.Id, CrossZone = crossZone, Items = items },
            PeerJsonContext.Default.ReplicationBatch);
        return output.WrittenMemory;
    }

    /// <summary>True when the peer is known to be in another zone (unknown zones count as ours until probed).</summary>
    public bool IsOtherZone(Member peer) =>
        peer.Zone is { } zone && !string.Equals(zone, _members.Self.Zone, StringComparison.Ordinal);

    /// <summary>Waits (up to <paramref name="timeout"/>) until everything queued has been sent or dropped.</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && (!_outbox.IsEmpty || _links.Values.Any(l => !l.Idle && l.Healthy && _members.StateOf(l.Peer) != MemberState.Down)))
        {
            await Task.Delay(10);
        }
    }

    private void Distribute(IReadOnlyList<ReplicationItem> items, bool forwardOnly)
    {
        if (items.Count == 0 || _links.IsEmpty)
        {
            return;
        }

        // Items are immutable: every link queues the same objects, and encodes its own batches.
        var snapshot = items.ToArray();
        var otherZones = new Dictionary<string, List<PeerLink>>(StringComparer.Ordinal);
        foreach (var link in _links.Values)
        {
            if (!IsOtherZone(link.Peer))
            {
                link.Enqueue(snapshot);
            }
            else if (!forwardOnly)
            {
                var zone = link.Peer.Zone!;
                if (!otherZones.TryGetValue(zone, out var links))
                {
                    otherZones[zone] = links = [];
                }

                links.Add(link);
            }
        }

        foreach (var (zone, links) in otherZones)
        {
            RelayFor(zone, links).Enqueue(snapshot);
        }
    }

    /// <summary>The node of another zone that relays into it: the last one used while it is up, else the first up.</summary>
    private PeerLink RelayFor(string zone, List<PeerLink> links)
    {
        if (_zoneRelay.TryGetValue(zone, out var current) &&
            links.FirstOrDefault(l => l.Peer.Id == current) is { } sticky &&
            _members.IsUp(sticky.Peer))
        {
            return sticky;
        }

        var chosen = links.FirstOrDefault(l => _members.IsUp(l.Peer)) ?? links[0];
        _zoneRelay[zone] = chosen.Peer.Id;
        return chosen;
    }

    private void SyncLinks()
    {
        var peers = _members.Peers.ToDictionary(m => m.Id, StringComparer.Ordinal);
        foreach (var peer in peers.Values)
        {
            _links.GetOrAdd(peer.Id, _ => new PeerLink(peer, _members, _client, this, _options, _metrics, _logger));
        }

        foreach (var id in _links.Keys.Where(id => !peers.ContainsKey(id)).ToList())
        {
            if (_links.TryRemove(id, out var gone))
            {
                _ = gone.DisposeAsync().AsTask();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _members.Changed -= SyncLinks;
        _registry.Committed -= OnCommitted;
        if (ReferenceEquals(_registry.RenewalSink, this))
        {
            _registry.RenewalSink = null;
        }

        await _stop.CancelAsync();
        if (_pump is not null)
        {
            try
            {
                await _pump;
            }
            catch (OperationCanceledException)
            {
            }
        }

        foreach (var link in _links.Values)
        {
            await link.DisposeAsync();
        }

        _stop.Dispose();
        _wake.Dispose();
    }

    /// <summary>A change to send, or (Change null) a heartbeat of Instance at AtMs.</summary>
    private readonly record struct Outgoing(Change? Change, Instance Instance, long AtMs);
}
