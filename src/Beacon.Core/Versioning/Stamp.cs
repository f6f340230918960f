namespace Beacon.Core.Versioning;

/// <summary>A record's version stamp: the hybrid clock value, then the stamping node's id as tie-break.</summary>
public readonly record struct Stamp(long Clock, string Origin) : IComparable<Stamp>
{
    public int CompareTo(Stamp other)
    {
        var byClock = Clock.CompareTo(other.Clock);
        return byClock != 0 ? byClock : string.CompareOrdinal(Origin, other.Origin);
    }

    public bool IsNewerThan(Stamp other) => CompareTo(other) > 0;

    public static bool operator <(Stamp left, Stamp right) => left.CompareTo(right) < 0;

    public static bool operator <=(Stamp left, Stamp right) => left.CompareTo(right) <= 0;

    public static bool operator >(Stamp left, Stamp right) => left.CompareTo(right) > 0;

    public static bool operator >=(Stamp left, Stamp right) => left.CompareTo(right) >= 0;
}
