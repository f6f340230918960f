using Beacon.Contracts;

namespace Beacon.Client.Picking;

/// <summary>
/// The instances one pick chooses among, with everything a pick needs computed once per service
/// version: cumulative weights for weighted random, and each item's slot in the view's failure marks.
/// A pick then reads only these arrays: no allocation, no lock.
/// </summary>
internal sealed class PickTier
{
    public static readonly PickTier Empty = new([], []);

    private static int[] s_identity = [.. Enumerable.Range(0, 256)];

    public PickTier(InstanceInfo[] items, int[] markSlots)
    {
        Items = items;
        MarkSlots = markSlots;
        CumulativeWeights = new int[items.Length];
        var total = 0;
        for (var i = 0; i < items.Length; i++)
        {
            // Weights are at most 10,000 and a service holds far fewer than 200,000 instances: no overflow.
            total += items[i].Weight;
            CumulativeWeights[i] = total;
        }

        TotalWeight = total;
    }

    public InstanceInfo[] Items { get; }

    /// <summary>
    /// Slots 0, 1, 2, … for a tier of <paramref name="count"/> items whose slots are their indexes: one
    /// shared array (it may be longer than the tier; only the first <paramref name="count"/> are read).
    /// </summary>
    public static int[] Identity(int count)
    {
        var identity = Volatile.Read(ref s_identity);
        if (identity.Length < count)
        {
            identity = [.. Enumerable.Range(0, Math.Max(count, identity.Length * 2))];
            Volatile.Write(ref s_identity, identity);
        }

        return identity;
    }

    /// <summary>For item i (i below the item count), its index in the view's failure marks.</summary>
    public int[] MarkSlots { get; }

    /// <summary>Running sums of the weights: item i owns [Cumulative[i-1], Cumulative[i]).</summary>
    public int[] CumulativeWeights { get; }

    public int TotalWeight { get; }

    /// <summary>The item that owns <paramref name="ticket"/> in [0, TotalWeight): a binary search.</summary>
    public int IndexOfWeight(int ticket)
    {
        var cumulative = CumulativeWeights;
        int low = 0, high = cumulative.Length - 1;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (cumulative[mid] > ticket)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }
}
