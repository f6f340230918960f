namespace Beacon.Client.Transport;

/// <summary>
/// Spreads periodic work: clients started together (a deployment, a host restart) would otherwise
/// ask the registry at the same moment every period, a thousand requests at once instead of a steady
/// trickle.
/// </summary>
internal static class Jitter
{
    /// <summary>The fraction a period may vary by, either way.</summary>
    public const double Spread = 0.1;

    /// <summary><paramref name="period"/> varied by up to ±10 %, uniformly.</summary>
    public static TimeSpan Around(TimeSpan period, Random? random = null) =>
        period * (1 - Spread + (random ?? Random.Shared).NextDouble() * 2 * Spread);
}
