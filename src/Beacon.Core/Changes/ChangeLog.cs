using Beacon.Contracts;
using Beacon.Core.Model;
using Beacon.Core.Versioning;

namespace Beacon.Core.Changes;

/// <summary>
/// The node's revision counter and a ring of its most recent changes.
/// <para>
/// Revisions start at the node's start time in microseconds since the Unix epoch and grow by one per
/// change. Another node's (or an earlier run's) revisions therefore almost never fall inside this
/// node's range, so a client that brings a foreign revision is answered with full data, never with a
/// silently wrong diff. (They stay below 2^53, safe for JavaScript clients.)
/// </para>
/// <para>
/// Writers append under a short lock that only orders revisions; readers never lock. A reader checks
/// each slot's revision, so a slot overwritten while it reads is detected and reported as gone.
/// </para>
/// </summary>
public sealed class ChangeLog
{
    private readonly Change?[] _ring;
    private readonly Lock _appendLock = new();
    private long _revision;

    public ChangeLog(int capacity, long startUnixMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 16);
        _ring = new Change?[capacity];
        BaseRevision = startUnixMs * 1000;
        _revision = BaseRevision;
    }

    /// <summary>The revision before the first change: nothing at or below it is in the history.</summary>
    public long BaseRevision { get; }

    /// <summary>The latest revision.</summary>
    public long Revision => Volatile.Read(ref _revision);

    /// <summary>Signalled after every append.</summary>
    public ChangeSignal Appended { get; } = new();

    /// <summary>The oldest revision that is still in the ring.</summary>
    public long OldestRetained => Math.Max(BaseRevision + 1, Revision - _ring.Length + 1);

    /// <summary>
    /// Stamps <paramref name="instance"/> with the next revision and records the change. For removals
    /// the instance keeps its own revision and only the change gets the new one.
    /// </summary>
    internal Change Append(ChangeOp op, Instance instance, Stamp stamp, bool replicated)
    {
        Change change;
        lock (_appendLock)
        {
            var revision = _revision + 1;
            if (op is ChangeOp.Registered or ChangeOp.Updated)
            {
                instance.Revision = revision;
            }

            change = new Change(revision, op, instance, stamp, replicated);
            Volatile.Write(ref _ring[revision % _ring.Length], change);
            Volatile.Write(ref _revision, revision);
        }

        Appended.Signal();
        return change;
    }

    /// <summary>
    /// Reads up to <paramref name="limit"/> changes after <paramref name="since"/> that
    /// <paramref name="filter"/> accepts. Returns false when <paramref name="since"/> is outside the
    /// retained history (too old, or not a revision of this node), so the caller must start over
    /// from a full read.
    /// </summary>
    public bool TryRead(long since, int limit, Func<Change, bool> filter, List<Change> into, out long readUpTo)
    {
        var head = Revision;
        readUpTo = since;
        if (since > head || since < OldestRetained - 1)
        {
            return false;
        }

        for (var revision = since + 1; revision <= head; revision++)
        {
            var change = Volatile.Read(ref _ring[revision % _ring.Length]);
            if (change is null || change.Revision != revision)
            {
                // Overwritten by newer changes while we read: this reader fell behind.
                return false;
            }

            if (filter(change))
            {
                if (into.Count == limit)
                {
                    return true;
                }

                into.Add(change);
            }

            readUpTo = revision;
        }

        return true;
    }
}
