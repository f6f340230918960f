using System.Diagnostics;
using System.Numerics;

namespace Beacon.LoadGen.Measurement;

/// <summary>
/// A log-linear latency histogram in the manner of HdrHistogram: exact below 128 ns, then 64
/// sub-buckets per power of two (under 1.6 % error), up to hours. One preallocated array, so
/// recording is an increment and allocates nothing; each worker keeps its own and they are merged
/// at the end.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int LinearLimit = 2 * SubBuckets;
    private const int Buckets = LinearLimit + (64 - SubBucketBits) * SubBuckets;

    // Stopwatch ticks are nanoseconds on Linux; the conversion keeps other platforms right.
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly long[] _counts = new long[Buckets];

    public long Count { get; private set; }

    public long MaxNanoseconds { get; private set; }

    /// <summary>Records one latency given as a <see cref="Stopwatch"/> timestamp difference.</summary>
    public void RecordTicks(long ticks) => RecordNanoseconds((long)(ticks * NanosecondsPerTick));

    public void RecordNanoseconds(long nanoseconds)
    {
        var value = Math.Max(0, nanoseconds);
        _counts[IndexOf(value)]++;
        Count++;
        if (value > MaxNanoseconds)
        {
            MaxNanoseconds = value;
        }
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < Buckets; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        MaxNanoseconds = Math.Max(MaxNanoseconds, other.MaxNanoseconds);
    }

    /// <summary>The latency at or below which <paramref name="percentile"/> % of the recorded ones fall, in µs.</summary>
    public double PercentileMicroseconds(double percentile)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(percentile / 100 * Count);
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += _counts[i];
            if (seen >= Math.Max(1, rank))
            {
                return Math.Min(UpperBoundOf(i), MaxNanoseconds) / 1000.0;
            }
        }

        return MaxNanoseconds / 1000.0;
    }

    private static int IndexOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        // Keep the top SubBucketBits + 1 bits: the leading one picks the power of two, the rest the sub-bucket.
        var shift = 63 - BitOperations.LeadingZeroCount((ulong)value) - SubBucketBits;
        var subBucket = (int)(value >> shift) - SubBuckets;
        return LinearLimit + (shift - 1) * SubBuckets + subBucket;
    }

    private static long UpperBoundOf(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var shift = (index - LinearLimit) / SubBuckets + 1;
        var subBucket = (index - LinearLimit) % SubBuckets + SubBuckets;
        return ((long)(subBucket + 1) << shift) - 1;
    }
}
