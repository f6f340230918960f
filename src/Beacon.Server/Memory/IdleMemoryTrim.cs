using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Beacon.Server.Hosting;

namespace Beacon.Server.Memory;

/// <summary>
/// Gives memory back after a burst. A burst of registrations (a deploy, a node copying the
/// registry) grows the GC's heaps, and the GC keeps what it grew into: a registry then sits at its
/// peak for as long as it stays quiet, since a quiet process hardly collects. Once the node has
/// allocated little for <see cref="MemoryOptions.QuietFor"/> and the GC has grown by
/// <see cref="MemoryOptions.MinGrowthBytes"/> since the last trim, one compacting, aggressive
/// collection returns what the live data does not need. (The growth, not an estimate of the live
/// data, decides: between full collections the GC's figure for the heap still counts old garbage.)
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

                if (time.GetElapsedTime(quietSince) >= _options.QuietFor &&
                    IsWorthTrimming(GC.GetGCMemoryInfo().TotalCommittedBytes, _committedAfterTrim, _options.MinGrowthBytes))
                {
                    Trim();
                    quietSince = time.GetTimestamp(); // not again until another quiet spell after growth
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Worth a full collection once the GC holds <paramref name="minGrowthBytes"/> more than after the last trim (or than nothing).</summary>
    internal static bool IsWorthTrimming(long committedBytes, long committedAfterLastTrim, long minGrowthBytes) =>
        committedBytes - committedAfterLastTrim >= minGrowthBytes;

    private void Trim()
    {
        var committedBefore = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var started = time.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo();
        _committedAfterTrim = after.TotalCommittedBytes;
        Log.MemoryTrimmed(logger, committedBefore >> 20, after.TotalCommittedBytes >> 20,
            (after.HeapSizeBytes - after.FragmentedBytes) >> 20, time.GetElapsedTime(started).TotalMilliseconds);
    }
}
