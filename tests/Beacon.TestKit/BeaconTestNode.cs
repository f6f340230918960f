using Beacon.Core.Registry;
using Beacon.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Beacon.TestKit;

/// <summary>
/// A real Beacon node (the shipped <see cref="BeaconApplication"/>) on a free loopback port, in this
/// process. Optionally on a fake clock.
/// </summary>
public sealed class BeaconTestNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BeaconTestNode(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    /// <summary>A client pointed at the node.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public ServiceRegistry Registry => _app.Services.GetRequiredService<ServiceRegistry>();

    /// <summary>Whether the app has been stopped (by <see cref="StopAsync"/>).</summary>
    public bool Stopped { get; private set; }

    /// <summary>Stops the node gracefully (as SIGTERM would): it deregisters itself and flushes replication.</summary>
    public async Task StopAsync()
    {
        if (!Stopped)
        {
            Stopped = true;
            await _app.StopAsync();
        }
    }

    public static async Task<BeaconTestNode> StartAsync(
        IDictionary<string, string?>? settings = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        // Settings given later on the command line win, so callers may override the listen URL and id.
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--Beacon:NodeId", "test-node" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            args.Add($"--{key}");
            args.Add(value ?? "");
        }

        var builder = BeaconApplication.CreateBuilder([.. args]);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (Environment.GetEnvironmentVariable("BEACON_TEST_LOGS") == "1")
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
        }
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        services?.Invoke(builder.Services);
        var app = BeaconApplication.Build(builder);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        return new BeaconTestNode(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StopAsync();
        await _app.DisposeAsync();
    }
}
