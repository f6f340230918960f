using Beacon.Client.Discovery;
using Beacon.Contracts;

namespace Beacon.Client.Picking;

/// <summary>
/// What picking from one service version needs, computed once from its instances (in id order): the
/// available instances, the candidates (available, non-zero weight), the tier of the caller's zone
/// and the tier of all zones, and a failure mark per candidate.
/// </summary>
internal sealed class PickTables
{
    public PickTables(InstanceInfo[] instances, string? zone)
    {
        Available = Subset(instances, static i => i.Status == InstanceStatus.Up && i.Healthy);

        // Weight 0 means "registered, but send nothing" (draining): never a candidate.
        Candidates = Subset(Available, static i => i.Weight > 0);
        Fallback = new PickTier(Candidates, PickTier.Identity(Candidates.Length));
        Preferred = ZoneTier(Candidates, zone) ?? Fallback;
        FailedUntil = new long[Candidates.Length];
    }

    public InstanceInfo[] Available { get; }

    /// <summary>In id order; a candidate's index is its slot in <see cref="FailedUntil"/>.</summary>
    public InstanceInfo[] Candidates { get; }

    /// <summary>The candidates of the caller's zone when it has some (but not all), else <see cref="Fallback"/>.</summary>
    public PickTier Preferred { get; }

    /// <summary>Every candidate.</summary>
    public PickTier Fallback { get; }

    /// <summary>Per candidate slot: until when (a <see cref="TimeProvider"/> timestamp) it is cooling down.</summary>
    public long[] FailedUntil { get; }

    /// <summary>The slot of a candidate, -1 when it is none: a binary search over the id order.</summary>
    public int SlotOf(string id)
    {
        var index = InstanceList.IndexOf(Candidates, id);
        return index >= 0 ? index : -1;
    }

    /// <summary>The items that pass, in order; the array itself when all do (the common case: no copy).</summary>
    private static InstanceInfo[] Subset(InstanceInfo[] items, Func<InstanceInfo, bool> passes)
    {
        var count = 0;
        foreach (var item in items)
        {
            if (passes(item))
            {
                count++;
            }
        }

        if (count == items.Length)
        {
            return items;
        }

        var subset = new InstanceInfo[count];
        count = 0;
        foreach (var item in items)
        {
            if (passes(item))
            {
                subset[count++] = item;
            }
        }

        return subset;
    }

    /// <summary>The candidates in the caller's zone, when that is some but not all of them.</summary>
    private static PickTier? ZoneTier(InstanceInfo[] candidates, string? zone)
    {
        if (zone is null)
        {
            return null;
        }

        var local = new List<int>();
        for (var i = 0; i < candidates.Length; i++)
        {
            if (string.Equals(candidates[i].Zone, zone, StringComparison.Ordinal))
            {
                local.Add(i);
            }
        }

        if (local.Count == 0 || local.Count == candidates.Length)
        {
            return null;
        }

        var items = new InstanceInfo[local.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = candidates[local[i]];
        }

        return new PickTier(items, [.. local]);
    }
}
