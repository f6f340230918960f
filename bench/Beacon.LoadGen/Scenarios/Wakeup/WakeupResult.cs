namespace Beacon.LoadGen.Scenarios.Wakeup;

/// <summary>One run of a wake-up variant, in µs from just before the change was sent.</summary>
/// <param name="WakeP50Microseconds">Median over every woken waiter of every round.</param>
/// <param name="WakeP99Microseconds">99th percentile over every woken waiter.</param>
/// <param name="LastP50Microseconds">Median over rounds of the time until the round's last waiter had its answer.</param>
/// <param name="LastMaxMicroseconds">The longest such time.</param>
/// <param name="Strays">Answers that no change of the run explains (should be 0).</param>
public sealed record WakeupResult(
    int Rounds,
    long Wakeups,
    double WakeP50Microseconds,
    double WakeP99Microseconds,
    double LastP50Microseconds,
    double LastMaxMicroseconds,
    long Strays);
