using Beacon.Core.Registry;
using Beacon.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Beacon.Server.Api;

/// <summary>
/// One clock for every watch stream's keep-alive comment. Every interval it counts a tick and wakes
/// every waiter of the registry's change signals; a stream that wakes and sees a new tick writes a
/// comment. A stream then waits for the next change with a plain <c>await</c> on the shared signal:
/// no timer, promise or token registration per stream per change, which with a thousand streams was
/// a tenth of what a change allocated. Waiters re-check what they wait for, so a wake without a change
/// costs them one empty read. A stream whose client left ends at its next wake (change or tick); when
/// the node stops, every stream is woken at once and ends. (Services are never dropped from the
/// registry, so waking every service's signal and the change log's reaches every waiting stream.)
/// </summary>
internal sealed class WatchKeepAlive(
    ServiceRegistry registry, IOptions<BeaconServerOptions> options, TimeProvider time, IHostApplicationLifetime lifetime) : IHostedService, IDisposable
{
    private ITimer? _timer;
    private CancellationTokenRegistration _stopping;
    private long _ticks;

    /// <summary>How many intervals have passed since start.</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.Api.WatchKeepAlive;
        _timer = time.CreateTimer(_ => Tick(), null, interval, interval);
        _stopping = lifetime.ApplicationStopping.Register(WakeAll);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _stopping.Dispose();
    }

    private void Tick()
    {
        Interlocked.Increment(ref _ticks);
        WakeAll();
    }

    private void WakeAll()
    {
        registry.Changes.Appended.Signal();
        foreach (var service in registry.AllServices())
        {
            service.Changed.Signal();
        }
    }
}
