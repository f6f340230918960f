using Beacon.Core.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Beacon.Server.Eviction;

/// <summary>
/// Sweeps expired leases every <see cref="Core.RegistryOptions.EvictionInterval"/> and reports
/// self-preservation turning on and off. The timer runs on the injected <see cref="TimeProvider"/>, so
/// tests drive it with a fake clock.
/// </summary>
internal sealed class EvictionService(ServiceRegistry registry, TimeProvider time, ILogger<EvictionService> logger)
    : BackgroundService
{
    private bool _protecting;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(registry.Options.EvictionInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Sweep();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal void Sweep()
    {
        try
        {
            var report = registry.EvictExpired();
            var guard = report.SelfPreservation;
            if (guard.Active != _protecting)
            {
                _protecting = guard.Active;
                if (guard.Active)
                {
                    Log.SelfPreservationOn(logger, guard.ActualPerMinute, guard.ExpectedPerMinute, guard.Threshold,
                        registry.Options.SelfPreservation.Ceiling);
                }
                else
                {
                    Log.SelfPreservationOff(logger, guard.ActualPerMinute, guard.ExpectedPerMinute);
                }
            }

            if (report.Evicted > 0)
            {
                Log.Evicted(logger, report.Evicted, report.Expired);
            }

            if (report.Protected > 0)
            {
                Log.Protected(logger, report.Protected);
            }
        }
        catch (Exception e)
        {
            // A failed sweep must not stop the next one.
            Log.EvictionFailed(logger, e);
        }
    }
}
