namespace Beacon.Core.Changes;

/// <summary>
/// Wakes everyone waiting for "something changed". A waiter takes <see cref="WaitAsync"/> first,
/// then re-checks the state it waits on, then awaits: a change between the check and the await is
/// never missed. The completion source is made only when someone waits, so a write with no waiters
/// allocates nothing; a burst of writes while waiters wake is coalesced into one wake-up.
/// </summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource? _next;

    /// <summary>A task that completes at the next <see cref="Signal"/>.</summary>
    public Task WaitAsync()
    {
        var current = Volatile.Read(ref _next);
        if (current is not null)
        {
            return current.Task;
        }

        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (Interlocked.CompareExchange(ref _next, created, null) ?? created).Task;
    }

    /// <summary>Wakes every current waiter.</summary>
    public void Signal()
    {
        if (Volatile.Read(ref _next) is not null)
        {
            Interlocked.Exchange(ref _next, null)?.TrySetResult();
        }
    }
}
