using System.Diagnostics;
using System.Threading.Channels;
using Beacon.Cluster.Api;
using Beacon.Cluster.Membership;
using Beacon.Cluster.Peers;
using Beacon.Cluster.Wire;
using Beacon.Core;
using Beacon.Core.Registry;
using Microsoft.Extensions.Logging;

namespace Beacon.Cluster.Hosting;

/// <summary>
/// A starting node's first job: copy the whole registry from a ready peer (Eureka's syncUp). Until
/// it has, its reads answer 503 not-ready — an empty answer would look like "no instances" to a
/// client. Writes are accepted meanwhile. If no peer can give its registry within
/// <see cref="ClusterOptions.StartupSyncTimeout"/>, the node serves alone and says so.
/// </summary>
internal sealed class StartupSync(
    ServiceRegistry registry, MemberSet members, PeerClient client, NodeReadiness readiness,
    ClusterOptions options, TimeProvider time, ILogger<StartupSync> logger)
{
    // Records are handed from the reading thread to the applying one in chunks; a bounded number
    // of them in flight keeps a fast reader from buffering the whole registry twice.
    private const int CopyChunkSize = 512;
    private const int CopyChunksInFlight = 8;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.StartupSyncTimeout;
        while (members.Peers.Any() && time.GetUtcNow() < deadline)
        {
            var refused = 0;
            var peers = members.Peers.OrderBy(_ => Random.Shared.Next()).ToList();
            foreach (var peer in peers)
            {
                switch (await TryCopyFromAsync(peer, cancellationToken))
                {
                    case CopyResult.Copied:
                        readiness.MarkReady();
                        return;
                    case CopyResult.Refused:
                        refused++;
                        break;
                }
            }

            if (refused == peers.Count)
            {
                // No peer is running at all (the first node of a cluster): there is nothing to wait for.
                Log.ServingAlone(logger, TimeSpan.Zero);
                readiness.MarkReady();
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }

        if (members.Peers.Any())
        {
            Log.ServingAlone(logger, options.StartupSyncTimeout);
        }

        readiness.MarkReady();
    }

    private enum CopyResult
    {
        Copied,
        Failed,
        Refused,
    }

    private async Task<CopyResult> TryCopyFromAsync(Member peer, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var records = await CopyAsync(peer, cancellationToken);
            peer.Contacted(members.NowMs);
            Log.Synced(logger, records, peer.Id, watch.ElapsedMilliseconds);
            return CopyResult.Copied;
        }
        catch (HttpRequestException e) when (e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused })
        {
            return CopyResult.Refused;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.SyncAttemptFailed(logger, peer.Id, e.Message);
            return CopyResult.Failed;
        }
    }

    /// <summary>
    /// Reads the peer's registry and applies it, on two threads that overlap: parsing the stream and
    /// applying the records both take a large share of a copy (1.8–2.8 s and 0.6–0.9 s of a copy of
    /// 100,000 records, docs/benchmarks.md). Records are applied in the order they arrive; returns how many.
    /// </summary>
    private async Task<int> CopyAsync(Member peer, CancellationToken cancellationToken)
    {
        var chunks = Channel.CreateBounded<ReplicationItem[]>(new BoundedChannelOptions(CopyChunksInFlight) { SingleReader = true, SingleWriter = true });
        var applying = Task.Run(() => ApplyAllAsync(chunks, cancellationToken), cancellationToken);
        var records = 0;
        try
        {
            var chunk = new List<ReplicationItem>(CopyChunkSize);
            await foreach (var item in client.SnapshotAsync(peer, cancellationToken))
            {
                chunk.Add(item);
                records++;
                if (chunk.Count == CopyChunkSize)
                {
                    await chunks.Writer.WriteAsync([.. chunk], cancellationToken);
                    chunk.Clear();
                }
            }

            if (chunk.Count > 0)
            {
                await chunks.Writer.WriteAsync([.. chunk], cancellationToken);
            }

            chunks.Writer.Complete();
        }
        catch (ChannelClosedException)
        {
            // The applier failed and closed the channel: its own exception is thrown below.
        }
        catch (Exception e)
        {
            // Reading failed: stop the applier, and let this attempt fail with the reading's error.
            chunks.Writer.TryComplete(e);
            await applying.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        await applying;
        return records;
    }

    /// <summary>Applies the chunks in order; on a failure, closes the channel so the reader stops too.</summary>
    private async Task ApplyAllAsync(Channel<ReplicationItem[]> chunks, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var item in chunk)
                {
                    PeerEndpoints.Apply(registry, item);
                }
            }
        }
        catch (Exception e)
        {
            chunks.Writer.TryComplete(e);
            throw;
        }
    }
}
