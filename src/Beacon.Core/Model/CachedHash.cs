namespace Beacon.Core.Model;

/// <summary>
/// A hash a record computes once and keeps in a field. Every two of them are equal, with one hash
/// code, so the field leaves the record's generated equality as it was: computing the cache on one
/// copy must not make it unequal to another, nor change its hash code inside a set.
/// 0 means "not computed yet" (a real hash of 0 is merely recomputed each time).
/// </summary>
internal struct CachedHash : IEquatable<CachedHash>
{
    public ulong Value;

    public readonly bool Equals(CachedHash other) => true;

    public override readonly bool Equals(object? obj) => obj is CachedHash;

    public override readonly int GetHashCode() => 0;
}
