using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Beacon.Server.Hosting;

namespace Beacon.Server.Memory;

/// <summary>
/// Gives memory back after a burst. A burst of registrations (a deploy, a node copying the
/// registry) grows the GC's heaps, and the GC keeps what it grew into: a registry then sits at its
/// peak for as long as it stays quiet, since a quiet process hardly collects. Once the node has
/// allocated little for <see cref="MemoryOptions.QuietFor"/> while far more is committed than the
/// live data needs, one compacting, aggressive collection returns the rest to the system. It does
/// not repeat until the GC has grown again by as much: a node whose steady load needs the memory
/// keeps it.
/// </summary>
internal sealed class IdleMemoryTrim(IOptions<BeaconServerOptions> options, TimeProvider time, ILogger<IdleMemoryTrim> logger)
    : BackgroundService
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    private readonly MemoryOptions _options = options.Value.Memory;

    /// <summary>What the GC held after the last trim (0 before any).</summary>
    private long _committedAfterTrim;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.TrimWhenIdle)
        {
            return;
        }

        using var timer = new PeriodicTimer(CheckEvery, time);
        var quietSince = time.GetTimestamp();
        var lastAllocated = GC.GetTotalAllocatedBytes();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var allocated = GC.GetTotalAllocatedBytes();
                var perSecond = (allocated - lastAllocated) / CheckEvery.TotalSeconds;
                lastAllocated = allocated;
                if (perSecond > _options.QuietBelowBytesPerSecond)
                {
                    quietSince = time.GetTimestamp();
                    continue;
                }

                var gc = GC.GetGCMemoryInfo();
                if (time.GetElapsedTime(quietSince) >= _options.QuietFor &&
                    IsWorthTrimming(gc.TotalCommittedBytes, gc.HeapSizeBytes - gc.FragmentedBytes, _committedAfterTrim, _options.MinExcessBytes))
                {
                    Trim(gc.TotalCommittedBytes);
                    quietSince = time.GetTimestamp(); // not again until another quiet spell after growth
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Worth a full collection when the GC holds at least <paramref name="minExcessBytes"/> and a
    /// quarter more than the live data (a small excess is not worth a pause), and has grown by at
    /// least as much since the last trim (<paramref name="committedAfterLastTrim"/>).
    /// </summary>
    internal static bool IsWorthTrimming(long committedBytes, long liveBytes, long committedAfterLastTrim, long minExcessBytes)
    {
        var excess = committedBytes - liveBytes;
        return excess >= minExcessBytes && excess >= liveBytes / 4 && committedBytes - committedAfterLastTrim >= minExcessBytes;
    }

    private void Trim(long committedBefore)
    {
        var started = time.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo();
        _committedAfterTrim = after.TotalCommittedBytes;
        Log.MemoryTrimmed(logger, committedBefore >> 20, after.TotalCommittedBytes >> 20,
            (after.HeapSizeBytes - after.FragmentedBytes) >> 20, time.GetElapsedTime(started).TotalMilliseconds);
    }
}
