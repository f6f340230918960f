namespace Beacon.Core.SelfPreservation;

/// <summary>
/// Decides whether eviction is safe, from how many renewals arrive against how many the live
/// instances promise (Eureka's self-preservation, bilibili discovery's protected mode).
/// <para>
/// Expected renewals per minute are kept exact and current: each live instance adds 60 / its
/// heartbeat interval, adjusted on every register, cancel and eviction (Eureka recomputes only every
/// 15 minutes). Renewals are one atomic counter; the rate over the last window comes from samples of
/// that counter taken when the state is evaluated, so the heartbeat path does nothing else.
/// </para>
/// </summary>
public sealed class SelfPreservationGuard
{
    // Per-instance expected renewals per minute are kept in millionths, so they sum exactly in a long.
    private const double Micro = 1_000_000;

    private readonly SelfPreservationOptions _options;
    private readonly long _startMs;
    private readonly List<(long AtMs, long Total)> _samples = [];
    private readonly Lock _samplesLock = new();
    private long _renewals;
    private long _expectedMicroPerMinute;

    public SelfPreservationGuard(SelfPreservationOptions options, long startMs)
    {
        _options = options;
        _startMs = startMs;
        _samples.Add((startMs, 0));
    }

    /// <summary>Renewals received since start.</summary>
    public long TotalRenewals => Volatile.Read(ref _renewals);

    public double ExpectedPerMinute => Volatile.Read(ref _expectedMicroPerMinute) / Micro;

    /// <summary>Counts one renewal (the heartbeat hot path: one interlocked increment).</summary>
    public void MarkRenewal() => Interlocked.Increment(ref _renewals);

    /// <summary>Counts <paramref name="count"/> renewals at once (batch heartbeats).</summary>
    public void MarkRenewals(int count) => Interlocked.Add(ref _renewals, count);

    /// <summary>An instance with this heartbeat interval became live (+1) or went away (-1).</summary>
    public void AdjustExpected(int heartbeatSeconds, int sign) =>
        Interlocked.Add(ref _expectedMicroPerMinute, sign * (long)(60 * Micro / heartbeatSeconds));

    /// <summary>Samples the renewal counter and judges the last window.</summary>
    public SelfPreservationState Evaluate(long nowMs)
    {
        var total = TotalRenewals;
        var expected = ExpectedPerMinute;
        var windowMs = (long)_options.Window.TotalMilliseconds;
        var warmUpMs = Math.Max(windowMs, (long)_options.WarmUp.TotalMilliseconds);
        var uptimeMs = nowMs - _startMs;

        double actual;
        lock (_samplesLock)
        {
            if (nowMs - _samples[^1].AtMs >= 1000)
            {
                _samples.Add((nowMs, total));
            }

            // Keep the newest sample that is at least a window old (the rate's starting point) and
            // everything after it.
            while (_samples.Count > 1 && nowMs - _samples[1].AtMs >= windowMs)
            {
                _samples.RemoveAt(0);
            }

            var (fromMs, fromTotal) = _samples[0];
            var spanMs = nowMs - fromMs;
            actual = spanMs <= 0 ? 0 : (total - fromTotal) * 60_000.0 / spanMs;
        }

        var warmingUp = uptimeMs < warmUpMs;
        var active = _options.Enabled && !warmingUp && expected > 0 && actual < _options.Threshold * expected;
        return new SelfPreservationState(_options.Enabled, active, warmingUp, expected, actual, _options.Threshold);
    }
}
