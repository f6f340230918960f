using System.Diagnostics;

namespace Beacon.LoadGen.Scenarios.Wakeup;

/// <summary>
/// The change in flight: which service changed, when, and the wake-up latencies of its waiters.
/// Waiters report from many threads at once: each takes a slot in a preallocated array.
/// </summary>
public sealed class WakeupRound(int capacity)
{
    private readonly long[] _latencies = new long[capacity];
    private volatile int _service = -1;
    private long _startedAt;
    private int _expected;
    private int _woken;
    private long _strays;
    private TaskCompletionSource _allWoken = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Strays => Interlocked.Read(ref _strays);

    /// <summary>The waiters' latencies of the round so far, in Stopwatch ticks.</summary>
    public ReadOnlySpan<long> Latencies => _latencies.AsSpan(0, Math.Min(Volatile.Read(ref _woken), _latencies.Length));

    public Task AllWoken => _allWoken.Task;

    /// <summary>Opens a round for <paramref name="service"/>; call just before sending its change.</summary>
    public void Begin(int service, int expected)
    {
        _woken = 0;
        _expected = expected;
        _allWoken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _startedAt, Stopwatch.GetTimestamp());
        _service = service;
    }

    public void End() => _service = -1;

    /// <summary>A waiter of <paramref name="service"/> got its answer at <paramref name="answeredAt"/>.</summary>
    public void Woken(int service, long answeredAt)
    {
        if (service != _service)
        {
            Interlocked.Increment(ref _strays);
            return;
        }

        var slot = Interlocked.Increment(ref _woken) - 1;
        if (slot >= _latencies.Length)
        {
            Interlocked.Increment(ref _strays);
            return;
        }

        _latencies[slot] = answeredAt - Volatile.Read(ref _startedAt);
        if (slot + 1 == _expected)
        {
            _allWoken.TrySetResult();
        }
    }
}
