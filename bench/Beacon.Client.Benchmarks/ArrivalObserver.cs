using System.Diagnostics;
using Beacon.Client.Discovery;

namespace Beacon.Client.Benchmarks;

/// <summary>
/// Records when one client's cache first holds (or no longer holds) an instance: observed through the
/// views' change tokens, whose callbacks run the moment a new version is published, so the time is
/// when the client knows, not when a continuation of this harness gets around to looking. One per
/// client, reused every round: the harness's own allocations (a promise, a closure and a delegate per
/// client per round before) are collected by the same GC as the client's and were a fifth of them.
/// </summary>
internal sealed class ArrivalObserver(BeaconClient client, string service)
{
    private static readonly Action<object?> s_check = state => ((ArrivalObserver)state!).Check();

    private string _id = "";
    private bool _present;
    private ArrivalRound? _round;

    /// <summary>
    /// When the expected state was first seen, as a <see cref="Stopwatch"/> timestamp: the machine's
    /// monotonic clock, so timestamps taken in the clients' processes compare with the harness's.
    /// </summary>
    public long Arrival { get; private set; }

    /// <summary>Starts watching for <paramref name="id"/> to be present (or absent); tells <paramref name="round"/> when it is.</summary>
    public void Expect(string id, bool present, ArrivalRound round)
    {
        _id = id;
        _present = present;
        _round = round;
        Check();
    }

    private void Check()
    {
        client.TryGetCached(service, out var view);
        if (InstanceList.IndexOf(view!.OrderedInstances, _id) >= 0 == _present)
        {
            Arrival = Stopwatch.GetTimestamp();
            _round!.Arrived();
            return;
        }

        // Registering on a token already cancelled runs the check again at once: no version is missed.
        view.ChangeToken.Register(s_check, this);
    }
}

/// <summary>Completes when every observer of a round has seen what it expects.</summary>
internal sealed class ArrivalRound(int observers)
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending = observers;

    public Task All => _all.Task;

    public void Arrived()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _all.TrySetResult();
        }
    }
}
