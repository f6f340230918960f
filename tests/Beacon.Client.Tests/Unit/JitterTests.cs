using Beacon.Client.Transport;

namespace Beacon.Client.Tests.Unit;

public sealed class JitterTests
{
    [Fact]
    public void Around_StaysWithinTenPercent_AndSpreadsOverTheRange()
    {
        var random = new Random(42);
        var period = TimeSpan.FromSeconds(30);

        var waits = Enumerable.Range(0, 10_000).Select(_ => Jitter.Around(period, random).TotalSeconds).ToList();

        Assert.All(waits, w => Assert.InRange(w, 27.0, 33.0));
        // Spread, not constant: both ends of the range are used, and the middle is the period.
        Assert.True(waits.Min() < 27.1 && waits.Max() > 32.9, $"range {waits.Min():F2}..{waits.Max():F2}");
        Assert.InRange(waits.Average(), 29.9, 30.1);
    }
}
