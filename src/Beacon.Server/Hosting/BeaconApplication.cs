using Beacon.Cluster.Api;
using Beacon.Cluster.Hosting;
using Beacon.WebConsole;
using Beacon.Server.Api;
using Beacon.Server.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Beacon.Server.Hosting;

/// <summary>
/// Builds a complete Beacon node. <c>Beacon.Host</c> is these two calls; tests and benchmarks call
/// them too, so they run exactly the server that ships.
/// </summary>
public static class BeaconApplication
{
    /// <summary>Where a node listens when no <c>--urls</c> (or <c>ASPNETCORE_URLS</c>) is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7171";

    /// <summary>Short command-line flags for the settings people change most.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>
    {
        ["--node-id"] = "Beacon:NodeId",
        ["--zone"] = "Beacon:Zone",
        ["--lease-seconds"] = "Beacon:Registry:DefaultLeaseSeconds",
        ["--nodes"] = "Beacon:Cluster:Nodes",
        ["--nodes-file"] = "Beacon:Cluster:NodesFile",
        ["--address-server"] = "Beacon:Cluster:AddressServer",
        ["--dns"] = "Beacon:Cluster:Dns",
    };

    /// <summary>A builder with the node's services, configuration and default listen address.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string>(SwitchMappings));
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddBeaconServer(builder.Configuration);
        return builder;
    }

    /// <summary>Builds the app and maps the probes, the API, the metrics and the web console.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.MapBeaconProbes();
        app.MapBeaconApi();
        if (ClusterServiceCollectionExtensions.IsClusterEnabled(app.Configuration))
        {
            app.MapPeerApi();
            app.MapClusterMembers();
        }

        app.MapBeaconMetrics();
        app.MapBeaconConsole();
        return app;
    }
}
