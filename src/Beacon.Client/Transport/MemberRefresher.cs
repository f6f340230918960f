using Beacon.Client.Configuration;
using Microsoft.Extensions.Logging;

namespace Beacon.Client.Transport;

/// <summary>
/// Learns the registry's members from the registry itself: every node registers in namespace
/// <c>system</c> as service <c>beacon</c> with its base URL as <c>addresses[0]</c>. Read at start,
/// every <see cref="BeaconClientOptions.MemberRefreshInterval"/> (±10 %, see <see cref="Jitter"/>) and right after a failover, so
/// nodes added to the cluster are found without changing the client's configuration. A node without
/// a cluster has no such service: then the configured nodes are all there is.
/// </summary>
internal sealed class MemberRefresher : IAsyncDisposable
{
    public const string SystemNamespace = "system";
    public const string BeaconService = "beacon";

    private readonly RegistryApi _api;
    private readonly BeaconClientOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Task _loop;

    public MemberRefresher(RegistryApi api, BeaconClientOptions options, ILogger logger)
    {
        _api = api;
        _options = options;
        _logger = logger;
        api.Transport.Nodes.FailedOver += RefreshSoon;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Asks for a refresh now (after a failover the cluster may have changed).</summary>
    public void RefreshSoon()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already requested.
        }
    }

    /// <summary>
    /// Reads the members once; returns true when the node list changed. Only a list replaces the
    /// learned members: "no such service" (a single node, or a node that restarted empty) keeps them,
    /// as an empty answer never wipes a service cache.
    /// </summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var result = await _api.GetServiceAsync(SystemNamespace, BeaconService, cancellationToken);
        if (result.Outcome != ReadOutcome.Changed)
        {
            return false;
        }

        var members = result.Service!.Instances
            .Where(i => i.Status == Contracts.InstanceStatus.Up && i.Addresses.Count > 0)
            .Select(i => NodeAddress.TryParse(i.Addresses[0], out var uri) ? uri : null)
            .OfType<Uri>()
            .ToList();
        if (members.Count == 0)
        {
            return false;
        }

        var changed = _api.Transport.Nodes.MergeMembers(members);
        if (changed)
        {
            Log.MembersChanged(_logger, string.Join(", ", _api.Transport.Nodes.Nodes));
        }

        return changed;
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.MemberRefreshFailed(_logger, e);
            }

            try
            {
                await _wake.WaitAsync(Jitter.Around(_options.MemberRefreshInterval), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _api.Transport.Nodes.FailedOver -= RefreshSoon;
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _wake.Dispose();
    }
}
