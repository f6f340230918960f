using Beacon.Cluster.Membership;
using Beacon.Cluster.Replication;
using Beacon.Core.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Beacon.Cluster.Hosting;

/// <summary>
/// The node's life in the cluster. Start: read the member sources, start replication, take over
/// eviction decisions, then — without holding up the host — copy the registry from a peer and
/// register itself. Stop: deregister itself and give replication a moment to tell the peers.
/// </summary>
internal sealed class ClusterNode(
    ServiceRegistry registry,
    MemberSet members,
    MembershipRefresher refresher,
    Replicator replicator,
    ClusterEvictionPolicy evictionPolicy,
    StartupSync startupSync,
    SelfRegistration selfRegistration,
    ILogger<ClusterNode> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _life;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await refresher.RefreshAsync(force: true, cancellationToken);
        Log.ClusterStarting(logger, members.Self.Id, members.Self.Zone ?? "default", string.Join(", ", members.All.Select(m => m.Id)));
        registry.EvictionPolicy = evictionPolicy;
        replicator.Start();
        _life = Task.Run(async () =>
        {
            await startupSync.RunAsync(_stop.Token);
            await selfRegistration.RunAsync(_stop.Token);
        }, CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        try
        {
            if (_life is not null)
            {
                await _life;
            }
        }
        catch (OperationCanceledException)
        {
        }

        selfRegistration.Deregister();
        await replicator.FlushAsync(TimeSpan.FromSeconds(2));
    }

    public ValueTask DisposeAsync()
    {
        // The replicator is a singleton of its own: the container disposes it.
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
