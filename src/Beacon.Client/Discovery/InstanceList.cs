using Beacon.Contracts;

namespace Beacon.Client.Discovery;

/// <summary>A service's instances as an array in id order (ordinal), and what a change does to it.</summary>
internal static class InstanceList
{
    /// <summary>
    /// The instances after a change: the old array (kept in id order) with one instance put in,
    /// replaced or taken out at the place a binary search finds. One array copy, no sort: with a
    /// thousand watchers of a large service this is most of what a change costs a client.
    /// </summary>
    public static InstanceInfo[] Apply(InstanceInfo[] instances, ChangeInfo change)
    {
        var index = IndexOf(instances, change.Instance.Id);
        var present = index >= 0;
        var stays = change.Op is ChangeOp.Registered or ChangeOp.Updated;
        if (present && stays)
        {
            var replaced = (InstanceInfo[])instances.Clone();
            replaced[index] = change.Instance;
            return replaced;
        }

        if (present)
        {
            var removed = new InstanceInfo[instances.Length - 1];
            Array.Copy(instances, removed, index);
            Array.Copy(instances, index + 1, removed, index, instances.Length - index - 1);
            return removed;
        }

        if (!stays)
        {
            return instances;
        }

        var at = ~index;
        var added = new InstanceInfo[instances.Length + 1];
        Array.Copy(instances, added, at);
        added[at] = change.Instance;
        Array.Copy(instances, at, added, at + 1, instances.Length - at);
        return added;
    }

    /// <summary>The index of the instance, or the bitwise complement of where it would go (as Array.BinarySearch).</summary>
    public static int IndexOf(InstanceInfo[] instances, string id)
    {
        int low = 0, high = instances.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var order = string.CompareOrdinal(instances[mid].Id, id);
            if (order == 0)
            {
                return mid;
            }

            if (order < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }
}
