using Beacon.LoadGen.Measurement;

namespace Beacon.Bench.Tests;

[Trait("Category", "Unit")]
public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_OfAUniformSpread_AreWithinTheBucketError()
    {
        var histogram = new LatencyHistogram();
        for (var us = 1; us <= 10_000; us++)
        {
            histogram.RecordNanoseconds(us * 1000L);
        }

        // 64 sub-buckets per power of two: an upper bound at most 1/64 (1.6 %) above the true value.
        foreach (var (percentile, expectedUs) in new[] { (50.0, 5_000.0), (99.0, 9_900.0), (99.9, 9_990.0) })
        {
            var measured = histogram.PercentileMicroseconds(percentile);
            Assert.InRange(measured, expectedUs, expectedUs * (1 + 1.0 / 64));
        }

        Assert.Equal(10_000, histogram.PercentileMicroseconds(100));
        Assert.Equal(10_000, histogram.Count);
    }

    [Fact]
    public void Merged_HistogramsAnswerLikeOne()
    {
        var fast = new LatencyHistogram();
        var slow = new LatencyHistogram();
        for (var i = 0; i < 990; i++)
        {
            fast.RecordNanoseconds(100_000);
        }

        for (var i = 0; i < 10; i++)
        {
            slow.RecordNanoseconds(50_000_000);
        }

        fast.Add(slow);
        Assert.Equal(1_000, fast.Count);
        Assert.InRange(fast.PercentileMicroseconds(50), 100, 100 * (1 + 1.0 / 64));
        Assert.InRange(fast.PercentileMicroseconds(99.5), 50_000, 50_000 * (1 + 1.0 / 64));
        Assert.Equal(50_000, fast.MaxNanoseconds / 1000);
    }

    [Fact]
    public void Empty_HasNoPercentiles_AndNegativeLatenciesCountAsZero()
    {
        var histogram = new LatencyHistogram();
        Assert.True(double.IsNaN(histogram.PercentileMicroseconds(50)));
        histogram.RecordNanoseconds(-5);
        Assert.Equal(0, histogram.PercentileMicroseconds(50));
    }
}
