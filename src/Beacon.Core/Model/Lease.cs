namespace Beacon.Core.Model;

/// <summary>
/// The mutable part of an instance: when it last renewed. Every version of an instance record shares
/// one <see cref="Lease"/>, so a heartbeat is a single atomic store that allocates nothing, and a
/// heartbeat racing with an update of the record is never lost.
/// </summary>
public sealed class Lease
{
    private long _lastRenewedMs;
    private string _renewedVia;

    public Lease(long nowMs, string via)
    {
        _lastRenewedMs = nowMs;
        _renewedVia = via;
    }

    /// <summary>Unix milliseconds of the last renewal.</summary>
    public long LastRenewedMs => Volatile.Read(ref _lastRenewedMs);

    /// <summary>
    /// The node the latest renewal arrived at. In a cluster, a node does not evict an instance whose
    /// heartbeats go to a peer it cannot reach: they may still be arriving there.
    /// </summary>
    public string RenewedVia => Volatile.Read(ref _renewedVia);

    /// <summary>
    /// Records a renewal at <paramref name="nowMs"/> received by node <paramref name="via"/>; never
    /// moves the lease backwards. (Time and node are two stores; a reader racing with two renewals
    /// may pair one's time with the other's node, which only ever names a node that did renew.)
    /// </summary>
    /// <returns>True when the lease moved forward (false for a renewal older than the last one).</returns>
    public bool Renew(long nowMs, string via)
    {
        if (nowMs < LastRenewedMs)
        {
            return false;
        }

        if (!ReferenceEquals(Volatile.Read(ref _renewedVia), via))
        {
            Volatile.Write(ref _renewedVia, via);
        }

        return AdvanceTo(nowMs);
    }

    private bool AdvanceTo(long nowMs)
    {
        // A plain store would do on one thread; racing renewals must keep the latest time.
        var seen = Volatile.Read(ref _lastRenewedMs);
        while (nowMs > seen)
        {
            var previous = Interlocked.CompareExchange(ref _lastRenewedMs, nowMs, seen);
            if (previous == seen)
            {
                return true;
            }

            seen = previous;
        }

        return false;
    }

    /// <summary>Milliseconds since the last renewal.</summary>
    public long SilentForMs(long nowMs) => nowMs - LastRenewedMs;
}
