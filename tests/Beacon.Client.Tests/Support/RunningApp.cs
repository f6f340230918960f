using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Client.Tests.Support;

/// <summary>A started app that is stopped (hosted services included) and disposed on dispose.</summary>
public sealed class RunningApp(WebApplication app) : IAsyncDisposable
{
    private int _stopped;

    public WebApplication App { get; } = app;

    public IServiceProvider Services => App.Services;

    public string Address =>
        App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

    public static async Task<RunningApp> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        return new RunningApp(app);
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await App.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await App.DisposeAsync();
    }
}
