using Beacon.LoadGen.Measurement;

namespace Beacon.Bench.Tests;

[Trait("Category", "Unit")]
public sealed class MedianTests
{
    [Fact]
    public void Median_OddEvenAndNaN()
    {
        Assert.Equal(3, Median.Of([5, 1, 3]));
        Assert.Equal(2.5, Median.Of([4, 1, 3, 2]));
        Assert.Equal(2, Median.Of([double.NaN, 1, 3]));
        Assert.True(double.IsNaN(Median.Of([])));
    }
}
