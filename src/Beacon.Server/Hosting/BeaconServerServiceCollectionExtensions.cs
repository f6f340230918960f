using Beacon.Core;
using Beacon.Cluster.Hosting;
using Beacon.Core.Registry;
using Beacon.Server.Api;
using Beacon.Server.Eviction;
using Beacon.Server.Metrics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Beacon.Server.Hosting;

/// <summary>Registers a Beacon node's services.</summary>
public static class BeaconServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the registry, its options (section <c>Beacon</c>, validated at start), eviction, the API's
    /// services, and the cluster when <c>Beacon:Cluster</c> names members. A <see cref="TimeProvider"/>
    /// registered before this call replaces the system clock.
    /// </summary>
    public static IServiceCollection AddBeaconServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BeaconServerOptions>()
            .Bind(configuration.GetSection(BeaconServerOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<BeaconServerOptions>, BeaconServerOptionsSetup>();
        services.AddSingleton<IValidateOptions<BeaconServerOptions>, BeaconServerOptionsValidator>();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<BeaconServerOptions>>((kestrel, beacon) =>
            {
                kestrel.Limits.MaxRequestBodySize = beacon.Value.Api.MaxRequestBodyBytes;
                // No "Server: Kestrel" on every answer: it tells clients nothing and scanners the stack.
                kestrel.AddServerHeader = false;
            });

        services.TryAddSingleton(TimeProvider.System);
        services.AddBeaconCluster(configuration);
        services.TryAddSingleton(new NodeReadiness(ready: true));
        services.AddSingleton(sp => new ServiceRegistry(
            sp.GetRequiredService<IOptions<BeaconServerOptions>>().Value.Registry,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ServiceEncoder(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<BeaconServerOptions>>().Value.Api));
        services.AddSingleton<EvictionService>();
        services.AddHostedService(sp => sp.GetRequiredService<EvictionService>());
        services.AddSingleton<Api.WatchKeepAlive>();
        services.AddSingleton<Api.ChangeFrames>();
        services.AddHostedService(sp => sp.GetRequiredService<Api.WatchKeepAlive>());
        services.AddHostedService<StartupLog>();
        services.AddHostedService<Memory.IdleMemoryTrim>();
        services.AddHostedService<OperatorLinksLog>();
        services.AddBeaconMetrics();
        return services;
    }
}
