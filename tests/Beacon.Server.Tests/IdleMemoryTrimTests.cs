using Beacon.Server.Hosting;
using Beacon.Server.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Beacon.Server.Tests;

/// <summary>When a quiet node gives memory back: only when the GC holds far more than the live data.</summary>
[Trait("Category", "Unit")]
public sealed class IdleMemoryTrimTests
{
    private const long Mb = 1 << 20;

    private static IdleMemoryTrim Trim(MemoryOptions memory) =>
        new(Options.Create(new BeaconServerOptions { Memory = memory }), TimeProvider.System, NullLogger<IdleMemoryTrim>.Instance);

    [Fact]
    public void AfterABurst_TheExcessIsWorthACollection()
    {
        // The scale benchmark's shape: ~60 MB live, ~200 MB committed after 100,000 registrations.
        Assert.True(Trim(new MemoryOptions()).IsWorthTrimming(committedBytes: 200 * Mb, liveBytes: 60 * Mb));
    }

    [Fact]
    public void ASmallExcess_IsNotWorthAPause()
    {
        // Twice the live data, but only 40 MB beyond it (under the 64 MB default).
        Assert.False(Trim(new MemoryOptions()).IsWorthTrimming(committedBytes: 60 * Mb, liveBytes: 20 * Mb));
    }

    [Fact]
    public void ALargeHeapThatIsMostlyLive_IsLeftAlone()
    {
        // 500 MB beyond the live data, but the live data is most of what is committed.
        Assert.False(Trim(new MemoryOptions()).IsWorthTrimming(committedBytes: 1_500 * Mb, liveBytes: 1_000 * Mb));
    }

    [Fact]
    public void TheMinimumExcess_IsASetting()
    {
        Assert.True(Trim(new MemoryOptions { MinExcessBytes = 10 * Mb }).IsWorthTrimming(committedBytes: 60 * Mb, liveBytes: 20 * Mb));
    }
}
