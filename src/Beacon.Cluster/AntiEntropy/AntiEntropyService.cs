using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using Beacon.Cluster.Hosting;
using Beacon.Cluster.Membership;
using Beacon.Cluster.Peers;
using Beacon.Cluster.Replication;
using Beacon.Cluster.Wire;
using Beacon.Core;
using Beacon.Core.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Beacon.Cluster.AntiEntropy;

/// <summary>
/// Repairs what replication lost (Distro's verification). Every few seconds this node sends each
/// reachable peer the per-bucket checksums of the records it is responsible for; the peer answers
/// the buckets it computes differently, and this node sends it those buckets' records. The peer
/// keeps, record by record, whichever version is newer, so after lost messages, restarts and
/// partitions every node converges on the same data.
/// </summary>
internal sealed class AntiEntropyService(
    ServiceRegistry registry,
    MemberSet members,
    Responsibility responsibility,
    PeerClient client,
    Replicator replicator,
    NodeReadiness readiness,
    ClusterOptions options,
    IClusterMetrics metrics,
    TimeProvider time,
    ILogger<AntiEntropyService> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, PeerSyncState> _peers = new(StringComparer.Ordinal);
    private long _repairs;

    /// <summary>Records sent to repair peers since start.</summary>
    public long Repairs => Interlocked.Read(ref _repairs);

    /// <summary>What the last round found with a peer (null: no round yet).</summary>
    public PeerSyncState? StateOf(string peerId) => _peers.GetValueOrDefault(peerId);

    /// <summary>
    /// The checksums of the records <paramref name="owner"/> is responsible for, as this node holds
    /// them, counting those stamped at or before <paramref name="settledBeforeMs"/>. Never reused: the
    /// registry changes.
    /// </summary>
    public ulong[] Checksums(string owner, long settledBeforeMs) =>
        DigestTable.Compute(registry, responsibility, owner, options.DigestBuckets, settledBeforeMs);

    /// <summary>
    /// The receiving side: which buckets of <paramref name="digest"/> differ from this node's view
    /// (counted with the requester's cut-off), with this node's records of them.
    /// </summary>
    public DigestResult Compare(DigestRequest digest)
    {
        var differing = DigestTable.Differing(Checksums(digest.From, digest.SettledBeforeMs ?? SettledBefore()), digest.Buckets);
        var records = differing.Count == 0
            ? []
            : DigestTable.RecordsIn(registry, responsibility, digest.From, differing, options.DigestBuckets);
        return new DigestResult(differing, records);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.AntiEntropyInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (readiness.IsReady)
                {
                    var pass = await RoundAsync(stoppingToken);
                    var interval = Interval(pass, members.Peers.Count(), options);
                    metrics.AntiEntropyPass(pass, interval);
                    if (interval != timer.Period)
                    {
                        Log.AntiEntropyInterval(logger, interval.TotalSeconds, pass.TotalMilliseconds);
                        timer.Period = interval;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round with every reachable peer; returns how long this node's digest pass took.</summary>
    internal async Task<TimeSpan> RoundAsync(CancellationToken cancellationToken)
    {
        var settledBefore = SettledBefore();
        var started = Stopwatch.GetTimestamp();
        var mine = Checksums(members.Self.Id, settledBefore);
        var pass = Stopwatch.GetElapsedTime(started);
        var digest = new DigestRequest(members.Self.Id, mine, settledBefore);
        var peers = members.Peers.Where(members.IsUp).ToList();
        await Task.WhenAll(peers.Select(peer => WithPeerAsync(peer, digest, cancellationToken)));
        return pass;
    }

    /// <summary>
    /// The time to the next round. Each round costs a pass over the registry here and one at every
    /// peer (each answers this node's digest with its own pass), and every peer's round costs this node
    /// one more: 1 + peers passes per interval. Keeping them within <see cref="ClusterOptions.AntiEntropyCpuShare"/>
    /// of a core spaces rounds out on a registry of hundreds of thousands on busy cores, where a pass
    /// takes tenths of a second, and leaves the configured interval on an ordinary one (100,000
    /// records pass in ~5 ms on idle cores).
    /// </summary>
    internal static TimeSpan Interval(TimeSpan pass, int peers, ClusterOptions options)
    {
        var budgeted = pass * (1 + peers) / Math.Max(0.001, options.AntiEntropyCpuShare);
        var interval = budgeted > options.AntiEntropyInterval ? budgeted : options.AntiEntropyInterval;
        interval = interval < options.AntiEntropyMaxInterval ? interval : options.AntiEntropyMaxInterval;
        // Whole 100 ms steps: a pass's duration jitters, and every change of the period is logged.
        return TimeSpan.FromMilliseconds(Math.Ceiling(interval.TotalMilliseconds / 100) * 100);
    }

    /// <summary>This node's cut-off: records younger than the settle time are still being replicated.</summary>
    private long SettledBefore() => time.GetUtcNow().ToUnixTimeMilliseconds() - (long)options.AntiEntropySettle.TotalMilliseconds;

    private async Task WithPeerAsync(Member peer, DigestRequest digest, CancellationToken cancellationToken)
    {
        try
        {
            var result = await client.CompareDigestAsync(peer, digest, cancellationToken);
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            peer.Contacted(now);
            if (result.Differing.Count == 0)
            {
                _peers[peer.Id] = new PeerSyncState(InSync: true, now, 0);
                metrics.AntiEntropyRound(peer.Id, 0);
                return;
            }

            foreach (var item in result.Records)
            {
                ApplyQuietly(item);
            }

            var records = DigestTable.RecordsIn(registry, responsibility, members.Self.Id, result.Differing, options.DigestBuckets);
            var encoded = new ArrayBufferWriter<byte>(64 * 1024); // one buffer for every chunk of this round
            foreach (var chunk in records.Chunk(options.MaxBatchSize))
            {
                await client.ReplicateAsync(peer, replicator.Encode(encoded, chunk, replicator.IsOtherZone(peer)), cancellationToken);
            }

            Interlocked.Add(ref _repairs, records.Count);
            metrics.AntiEntropyRound(peer.Id, records.Count + result.Records.Count);
            _peers[peer.Id] = new PeerSyncState(InSync: false, now, records.Count);
            Log.Repaired(logger, records.Count, result.Differing.Count, peer.Id);
        }
        catch (PeerNotReadyException)
        {
            // The peer is copying the whole registry (it started since): compared with half a copy, every
            // bucket would differ and it would get most records twice. The next round, once it is ready.
        }
        catch (Exception e) when ((e is HttpRequestException or TaskCanceledException or IOException) && !cancellationToken.IsCancellationRequested)
        {
            // The peer is unreachable: the prober marks it, the next round tries again.
        }
    }

    private void ApplyQuietly(ReplicationItem item)
    {
        try
        {
            Api.PeerEndpoints.Apply(registry, item);
        }
        catch (Exception e) when (e is Core.Validation.InvalidArgumentException or ArgumentException)
        {
            Log.BadItem(logger, item.Service, item.Id, e.Message);
        }
    }
}

/// <summary>The outcome of the last anti-entropy round with one peer.</summary>
/// <param name="InSync">True when the peer's checksums of this node's data matched.</param>
/// <param name="AtMs">When the round ran.</param>
/// <param name="RecordsSent">Records sent to repair the peer in that round.</param>
public sealed record PeerSyncState(bool InSync, long AtMs, int RecordsSent);
