using Beacon.Server.Memory;

namespace Beacon.Server.Tests;

/// <summary>When a quiet node gives memory back: only when the GC holds far more than the live data.</summary>
[Trait("Category", "Unit")]
public sealed class IdleMemoryTrimTests
{
    private const long Mb = 1 << 20;
    private const long MinExcess = 64 * Mb; // the default

    [Fact]
    public void AfterABurst_TheExcessIsWorthACollection()
    {
        // The scale benchmark's shape: ~60 MB live, ~200 MB committed after 100,000 registrations.
        Assert.True(IdleMemoryTrim.IsWorthTrimming(committedBytes: 200 * Mb, liveBytes: 60 * Mb, committedAfterLastTrim: 0, MinExcess));
        // 520,000 instances: ~300 MB live, ~500 MB committed.
        Assert.True(IdleMemoryTrim.IsWorthTrimming(committedBytes: 500 * Mb, liveBytes: 300 * Mb, committedAfterLastTrim: 0, MinExcess));
    }

    [Fact]
    public void ASmallExcess_IsNotWorthAPause()
    {
        // Three times the live data, but only 40 MB beyond it.
        Assert.False(IdleMemoryTrim.IsWorthTrimming(committedBytes: 60 * Mb, liveBytes: 20 * Mb, committedAfterLastTrim: 0, MinExcess));
        // 100 MB beyond the live data, but that is a tenth of it.
        Assert.False(IdleMemoryTrim.IsWorthTrimming(committedBytes: 1_100 * Mb, liveBytes: 1_000 * Mb, committedAfterLastTrim: 0, MinExcess));
    }

    [Fact]
    public void AfterATrim_OnlyNewGrowthTriggersAnother()
    {
        // The last trim left 150 MB committed; the steady load has grown it back to 190 MB: not again.
        Assert.False(IdleMemoryTrim.IsWorthTrimming(committedBytes: 190 * Mb, liveBytes: 60 * Mb, committedAfterLastTrim: 150 * Mb, MinExcess));
        // Another burst took it to 400 MB.
        Assert.True(IdleMemoryTrim.IsWorthTrimming(committedBytes: 400 * Mb, liveBytes: 120 * Mb, committedAfterLastTrim: 150 * Mb, MinExcess));
    }
}
