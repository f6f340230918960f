using Beacon.Client;
using Beacon.Client.AspNetCore;
using Beacon.Client.AspNetCore.Hosting;
using Beacon.Client.AspNetCore.ServiceDiscovery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Beacon to an app: a <see cref="BeaconClient"/>, self-registration and service discovery.</summary>
public static class BeaconServiceCollectionExtensions
{
    /// <summary>
    /// Adds Beacon configured from a configuration section (usually <c>Beacon</c>): its keys are
    /// <see cref="BeaconClientOptions"/>' properties (<c>Nodes</c> as a list or <c>"a:7171,b:7171"</c>),
    /// an optional <c>ConnectionString</c> applied first, and <c>Registration</c>
    /// (<see cref="BeaconRegistrationOptions"/>).
    /// </summary>
    public static IServiceCollection AddBeacon(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BeaconClientOptions>().Configure(options => Bind(configuration, options));
        services.AddOptions<BeaconRegistrationOptions>().Bind(configuration.GetSection("Registration"));
        return services.AddBeaconCore();
    }

    /// <summary>
    /// Adds Beacon configured from a connection string such as <c>nodes=127.0.0.1:7171;namespace=prod</c>.
    /// Configure the self-registration with <c>services.Configure&lt;BeaconRegistrationOptions&gt;(...)</c>.
    /// </summary>
    public static IServiceCollection AddBeacon(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        services.AddOptions<BeaconClientOptions>().Configure(options => options.ApplyConnectionString(connectionString));
        return services.AddBeaconCore();
    }

    /// <summary>
    /// Adds Beacon configured in code. Configure the self-registration with
    /// <c>services.Configure&lt;BeaconRegistrationOptions&gt;(...)</c>.
    /// </summary>
    public static IServiceCollection AddBeacon(this IServiceCollection services, Action<BeaconClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<BeaconClientOptions>().Configure(configure);
        return services.AddBeaconCore();
    }

    private static IServiceCollection AddBeaconCore(this IServiceCollection services)
    {
        services.AddOptions<BeaconRegistrationOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new BeaconClientBuilder(sp.GetRequiredService<IOptions<BeaconClientOptions>>().Value)
            .WithLoggerFactory(sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance)
            .WithTimeProvider(sp.GetRequiredService<TimeProvider>())
            .Build());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Hosting.IHostedService, BeaconRegistrationService>());
        services.AddServiceDiscoveryCore();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceEndpointProviderFactory, BeaconServiceEndpointProviderFactory>());
        return services;
    }

    private static void Bind(IConfiguration section, BeaconClientOptions options)
    {
        if (section["ConnectionString"] is { Length: > 0 } connectionString)
        {
            options.ApplyConnectionString(connectionString);
        }

        section.Bind(options);
        // "Nodes": "a:7171,b:7171" reads better in an environment variable than Nodes__0, Nodes__1.
        if (section["Nodes"] is { Length: > 0 } nodes)
        {
            options.Nodes = [.. nodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
    }
}
