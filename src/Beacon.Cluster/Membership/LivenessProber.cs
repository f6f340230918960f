using Beacon.Contracts;
using Beacon.Cluster.Hosting;
using Beacon.Cluster.Peers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Beacon.Cluster.Membership;

/// <summary>
/// Probes every peer each <see cref="ClusterOptions.ProbeInterval"/>: a successful probe (or any
/// successful exchange) refreshes the peer's last contact, from which its state follows; the answer
/// also tells the peer's zone and whether it has finished its start-up copy. State changes are logged.
/// </summary>
internal sealed class LivenessProber(MemberSet members, PeerClient client, ClusterOptions options, IClusterMetrics metrics, TimeProvider time, ILogger<LivenessProber> logger)
    : BackgroundService
{
    private readonly Dictionary<string, MemberState> _lastStates = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ProbeInterval, time);
        try
        {
            do
            {
                await Task.WhenAll(members.Peers.Select(peer => ProbeAsync(peer, stoppingToken)));
                ReportStateChanges();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ProbeAsync(Member peer, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.ProbeTimeout);
        try
        {
            var answer = await client.PingAsync(peer, timeout.Token);
            peer.Contacted(members.NowMs);
            peer.Zone = answer.Zone;
            peer.Ready = answer.Ready;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or System.Text.Json.JsonException && !stoppingToken.IsCancellationRequested)
        {
            // No contact: the state follows from the last contact's age.
        }
    }

    private void ReportStateChanges()
    {
        var states = members.All.Select(members.StateOf).ToList();
        metrics.SetMembers(states.Count(s => s == MemberState.Up), states.Count(s => s == MemberState.Suspect), states.Count(s => s == MemberState.Down));
        foreach (var peer in members.Peers)
        {
            var state = members.StateOf(peer);
            if (!_lastStates.TryGetValue(peer.Id, out var last) || last != state)
            {
                _lastStates[peer.Id] = state;
                Log.PeerState(logger, peer.Id, state.ToString().ToLowerInvariant());
            }
        }
    }
}
