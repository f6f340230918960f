namespace Beacon.Core.Versioning;

/// <summary>
/// A hybrid logical clock: versions are Unix milliseconds shifted left 16 bits plus a counter, so
/// they follow wall time yet always move forward, and a node that has seen a version from a peer
/// (<see cref="Observe"/>) never stamps an older one afterwards, even if its own clock lags. With
/// the origin node id as tie-break (<see cref="Stamp"/>), every node settles a conflict
/// between two writes the same way.
/// </summary>
public sealed class HybridClock(TimeProvider time)
{
    private long _last;

    /// <summary>A version greater than every version this clock has stamped or observed.</summary>
    public long Next()
    {
        var physical = time.GetUtcNow().ToUnixTimeMilliseconds() << 16;
        while (true)
        {
            var last = Volatile.Read(ref _last);
            var next = Math.Max(physical, last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return next;
            }
        }
    }

    /// <summary>Moves the clock past a version seen from elsewhere.</summary>
    public void Observe(long version)
    {
        while (true)
        {
            var last = Volatile.Read(ref _last);
            if (version <= last || Interlocked.CompareExchange(ref _last, version, last) == last)
            {
                return;
            }
        }
    }

    /// <summary>The wall-clock milliseconds a version was stamped at.</summary>
    public static long ToUnixMs(long version) => version >> 16;
}
