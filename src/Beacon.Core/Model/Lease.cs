namespace Beacon.Core.Model;

/// <summary>
/// The mutable part of an instance: when it last renewed. Every version of an instance record shares
/// one <see cref="Lease"/>, so a heartbeat is a single atomic store that allocates nothing, and a
/// heartbeat racing with an update of the record is never lost.
/// </summary>
public sealed class Lease
{
    private long _lastRenewedMs;

    public Lease(long nowMs) => _lastRenewedMs = nowMs;

    /// <summary>Unix milliseconds of the last renewal.</summary>
    public long LastRenewedMs => Volatile.Read(ref _lastRenewedMs);

    /// <summary>Records a renewal at <paramref name="nowMs"/>; never moves the lease backwards.</summary>
    public void Renew(long nowMs)
    {
        // A plain store would do on one thread; racing renewals must keep the latest time.
        var seen = Volatile.Read(ref _lastRenewedMs);
        while (nowMs > seen)
        {
            var previous = Interlocked.CompareExchange(ref _lastRenewedMs, nowMs, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    /// <summary>Milliseconds since the last renewal.</summary>
    public long SilentForMs(long nowMs) => nowMs - LastRenewedMs;
}
