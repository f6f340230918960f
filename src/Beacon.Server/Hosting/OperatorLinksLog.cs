using Beacon.Contracts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Beacon.Server.Hosting;

/// <summary>
/// Once the node listens, logs where its web console and metrics are, so whoever starts a node
/// finds them without reading the docs.
/// </summary>
internal sealed class OperatorLinksLog(IServer server, IHostApplicationLifetime lifetime, ILogger<OperatorLinksLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is not null)
            {
                var root = address.TrimEnd('/');
                Log.OperatorLinks(logger, root + BeaconRoutes.Console, root + BeaconRoutes.Metrics);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
