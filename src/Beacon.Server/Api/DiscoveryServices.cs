using Beacon.Core;
using Beacon.Core.Registry;
using Beacon.Server.Hosting;
using Beacon.Server.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Beacon.Server.Api;

/// <summary>What the discovery read needs, resolved once when the endpoint is mapped instead of per request.</summary>
internal sealed record DiscoveryServices(
    ServiceRegistry Registry,
    ServiceEncoder Encoder,
    ApiOptions Api,
    TimeProvider Time,
    BeaconMetrics Metrics,
    NodeReadiness Readiness,
    CancellationToken Stopping)
{
    public static DiscoveryServices From(IServiceProvider services) => new(
        services.GetRequiredService<ServiceRegistry>(),
        services.GetRequiredService<ServiceEncoder>(),
        services.GetRequiredService<IOptions<BeaconServerOptions>>().Value.Api,
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<BeaconMetrics>(),
        services.GetRequiredService<NodeReadiness>(),
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
}
