namespace Beacon.Core.Model;

/// <summary>
/// A small, bounded, lossy intern table for the short strings that repeat across instances: zones,
/// versions, metadata keys and short metadata values. The JSON reader makes a fresh copy of each for
/// every registration; a million instances in a handful of zones would otherwise hold a million
/// copies of "eu-1a" (about 300 of the ~720 bytes an SDK-shaped instance took at 1 M instances,
/// docs/benchmarks.md). Each slot keeps the last string hashed to it, so memory stays bounded
/// (4,096 strings of at most 64 characters) whatever clients send; a collision only costs a copy.
/// Lock-free: a race at worst stores a duplicate, never a wrong string, because a hit is checked
/// for equality.
/// </summary>
public static class StringPool
{
    private const int Slots = 4096;
    private const int MaxLength = 64;
    private static readonly string?[] s_slots = new string?[Slots];

    /// <summary>The pooled string equal to <paramref name="value"/>, or <paramref name="value"/> itself (then pooled).</summary>
    public static string Intern(string value)
    {
        if (value.Length > MaxLength)
        {
            return value;
        }

        ref var slot = ref s_slots[value.GetHashCode() & (Slots - 1)];
        var pooled = Volatile.Read(ref slot);
        if (pooled is not null && string.Equals(pooled, value, StringComparison.Ordinal))
        {
            return pooled;
        }

        Volatile.Write(ref slot, value);
        return value;
    }
}
