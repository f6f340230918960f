namespace Beacon.LoadGen.Scenarios.Wakeup;

/// <summary>How the long polls are spread, and how many changes a run makes.</summary>
/// <param name="Services">Services the waiters watch.</param>
/// <param name="WaitersPerService">Long polls open on each service.</param>
/// <param name="RoundsPerRun">Changes measured per run, one at a time.</param>
/// <param name="WarmupRounds">Changes made once before the first run, not measured.</param>
public sealed record WakeupVariant(string Name, int Services, int WaitersPerService, int RoundsPerRun, int WarmupRounds)
{
    public int Waiters => Services * WaitersPerService;

    /// <summary>
    /// 10,000 long polls over 1,000 services, 10 each: a change wakes the 10 watchers of one service,
    /// while 9,990 others stay parked. What a registry does all day, and what the target is about.
    /// </summary>
    public static WakeupVariant PerService { get; } = new("wakeup-per-service", 1_000, 10, 500, 50);

    /// <summary>
    /// 10,000 long polls on one service: a change must answer all 10,000. Measures fan-out, which on
    /// 2 cores is bounded by writing and reading 10,000 responses, not by waking.
    /// </summary>
    public static WakeupVariant Broadcast { get; } = new("wakeup-broadcast", 1, 10_000, 5, 1);
}
