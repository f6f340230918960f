using System.Diagnostics.Metrics;
using Beacon.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Beacon.Server.Metrics;

/// <summary>Wires the node's metrics: OpenTelemetry collecting the meters, exported at <c>/metrics</c>.</summary>
public static class BeaconMetricsExtensions
{
    /// <summary>
    /// The meters exported: Beacon's own; ASP.NET Core's request rates and latencies by route
    /// (<c>http.server.request.duration</c>); Kestrel's connections; the runtime's GC, memory and thread pool.
    /// </summary>
    public static readonly IReadOnlyList<string> Meters =
    [
        BeaconMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Runtime",
    ];

    /// <summary>Adds <see cref="BeaconMetrics"/> and an OpenTelemetry meter provider with the Prometheus exporter.</summary>
    public static IServiceCollection AddBeaconMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<BeaconMetrics>();
        services.AddSingleton<Beacon.Cluster.Hosting.IClusterMetrics>(sp => sp.GetRequiredService<BeaconMetrics>());
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter([.. Meters]).AddPrometheusExporter();
            ((IDeferredMeterProviderBuilder)metrics).Configure(static (provider, builder) =>
                builder.AddView(OnlyThisHost(provider.GetRequiredService<IMeterFactory>())));
        });
        return services;
    }

    /// <summary>
    /// A provider listens to every meter of its names in the process. Several nodes in one process
    /// (tests, benchmarks) would then report each other's registries; meters made by another host's
    /// <see cref="IMeterFactory"/> are dropped. Process-wide meters (no scope, e.g. the runtime's) stay.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OnlyThisHost(IMeterFactory factory) =>
        instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, factory)
            ? null
            : MetricStreamConfiguration.Drop;

    /// <summary>
    /// Maps <c>GET /metrics</c> (Prometheus text format) and returns its group, so the host can add
    /// authorization to it. Also creates the registry's observable instruments.
    /// </summary>
    public static RouteGroupBuilder MapBeaconMetrics(this IEndpointRouteBuilder endpoints)
    {
        // The observable instruments exist once BeaconMetrics does; create it now, not at the first long poll.
        _ = endpoints.ServiceProvider.GetRequiredService<BeaconMetrics>();
        var group = endpoints.MapGroup("");
        group.MapPrometheusScrapingEndpoint(BeaconRoutes.Metrics);
        return group;
    }
}
