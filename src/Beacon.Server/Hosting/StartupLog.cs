using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Server.Hosting;

/// <summary>Logs the settings that matter once at start, so an operator sees what the node runs with.</summary>
internal sealed class StartupLog(IOptions<BeaconServerOptions> options, ILogger<StartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var guard = o.Registry.SelfPreservation;
        Log.NodeStarted(logger, o.NodeId, o.Zone, o.Registry.DefaultLeaseSeconds, o.Registry.EvictionInterval,
            guard.Enabled ? $"on at {guard.Threshold:P0} (warm-up {guard.WarmUp}, ceiling {guard.Ceiling})" : "off");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
