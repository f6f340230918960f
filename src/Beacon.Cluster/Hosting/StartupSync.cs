using System.Diagnostics;
using Beacon.Cluster.Api;
using Beacon.Cluster.Membership;
using Beacon.Cluster.Peers;
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
        var records = 0;
        try
        {
            await foreach (var item in client.SnapshotAsync(peer, cancellationToken))
            {
                PeerEndpoints.Apply(registry, item);
                records++;
            }

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
}
