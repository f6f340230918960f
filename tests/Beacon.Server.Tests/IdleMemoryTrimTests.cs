using Beacon.Server.Memory;

namespace Beacon.Server.Tests;

/// <summary>When a quiet node gives memory back: once the GC has grown by 64 MB since the last time.</summary>
[Trait("Category", "Unit")]
public sealed class IdleMemoryTrimTests
{
    private const long Mb = 1 << 20;
    private const long MinGrowth = 64 * Mb; // the default

    [Fact]
    public void AfterABurst_TheGrowthIsWorthACollection()
    {
        // A fresh node that grew to 200 MB loading 100,000 instances.
        Assert.True(IdleMemoryTrim.IsWorthTrimming(committedBytes: 200 * Mb, committedAfterLastTrim: 0, MinGrowth));
    }

    [Fact]
    public void ASmallHeap_IsNotWorthAPause()
    {
        Assert.False(IdleMemoryTrim.IsWorthTrimming(committedBytes: 40 * Mb, committedAfterLastTrim: 0, MinGrowth));
    }

    [Fact]
    public void AfterATrim_OnlyNewGrowthTriggersAnother()
    {
        // The last trim left 150 MB committed; the steady load has grown it back to 190 MB: not again.
        Assert.False(IdleMemoryTrim.IsWorthTrimming(committedBytes: 190 * Mb, committedAfterLastTrim: 150 * Mb, MinGrowth));
        // Another burst took it to 400 MB.
        Assert.True(IdleMemoryTrim.IsWorthTrimming(committedBytes: 400 * Mb, committedAfterLastTrim: 150 * Mb, MinGrowth));
    }
}
