using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Beacon.Core.Model;

/// <summary>
/// Immutable string metadata of an instance, stored as a key-sorted array: a few dozen bytes for the
/// typical handful of entries, where a <see cref="Dictionary{TKey,TValue}"/> costs hundreds. The
/// registry holds millions of these, so keys and short values go through <see cref="StringPool"/>.
/// </summary>
public sealed class Metadata : IReadOnlyDictionary<string, string>
{
    public static readonly Metadata Empty = new([]);

    private readonly KeyValuePair<string, string>[] _entries;

    private Metadata(KeyValuePair<string, string>[] sortedEntries) => _entries = sortedEntries;

    /// <summary>Builds metadata from any pairs; a later duplicate key wins.</summary>
    /// <exception cref="ArgumentException">A value is null.</exception>
    public static Metadata From(IEnumerable<KeyValuePair<string, string>>? pairs) =>
        TryFrom(pairs, out var metadata, out var nullValueKey)
            ? metadata
            : throw new ArgumentException($"The metadata value of '{nullValueKey}' is null.", nameof(pairs));

    /// <summary>
    /// Builds metadata from any pairs (a later duplicate key wins), or returns false with the key of a
    /// null value: JSON, and so any caller, can carry null where the contract says string.
    /// </summary>
    public static bool TryFrom(
        IEnumerable<KeyValuePair<string, string>>? pairs,
        out Metadata metadata,
        [NotNullWhen(false)] out string? nullValueKey)
    {
        metadata = Empty;
        nullValueKey = null;
        if (pairs is null)
        {
            return true;
        }

        // Every registration builds one: sized to the pairs when their count is known, so a
        // dictionary's pairs land in the one array kept, and a Dictionary (what JSON bodies give)
        // is walked with its struct enumerator rather than a boxed one.
        var sorted = new KeyValuePair<string, string>[pairs.TryGetNonEnumeratedCount(out var count) ? count : 4];
        var length = 0;
        if (pairs is Dictionary<string, string> dictionary)
        {
            foreach (var (key, value) in dictionary)
            {
                if (value is null)
                {
                    nullValueKey = key;
                    return false;
                }

                length = Set(ref sorted, length, key, value);
            }
        }
        else
        {
            foreach (var (key, value) in pairs)
            {
                if (value is null)
                {
                    nullValueKey = key;
                    return false;
                }

                length = Set(ref sorted, length, key, value);
            }
        }

        if (length > 0)
        {
            metadata = new Metadata(length == sorted.Length ? sorted : sorted[..length]);
        }

        return true;
    }

    public int Count => _entries.Length;

    public string this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<string> Values => _entries.Select(e => e.Value);

    /// <summary>Total characters of keys and values, the size that limits are checked against.</summary>
    public int TextLength
    {
        get
        {
            var length = 0;
            foreach (var (key, value) in _entries)
            {
                length += key.Length + value.Length;
            }

            return length;
        }
    }

    /// <summary>The pairs in key order, without the boxed enumerator of <see cref="GetEnumerator"/>.</summary>
    internal ReadOnlySpan<KeyValuePair<string, string>> Entries => _entries;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : null;
        return index >= 0;
    }

    /// <summary>Returns metadata with <paramref name="changes"/> merged in: null values remove keys.</summary>
    public Metadata Merge(IEnumerable<KeyValuePair<string, string?>> changes)
    {
        var sorted = new KeyValuePair<string, string>[_entries.Length + (changes.TryGetNonEnumeratedCount(out var count) ? count : 4)];
        _entries.CopyTo(sorted, 0);
        var length = _entries.Length;
        foreach (var (key, value) in changes)
        {
            if (value is not null)
            {
                length = Set(ref sorted, length, key, value);
            }
            else if (IndexOf(sorted.AsSpan(0, length), key) is var index and >= 0)
            {
                length--;
                Array.Copy(sorted, index + 1, sorted, index, length - index);
            }
        }

        return length == 0 ? Empty : new Metadata(length == sorted.Length ? sorted : sorted[..length]);
    }

    /// <summary>True when both hold the same pairs.</summary>
    public bool SameAs(Metadata other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (_entries.Length != other._entries.Length)
        {
            return false;
        }

        for (var i = 0; i < _entries.Length; i++)
        {
            if (!string.Equals(_entries[i].Key, other._entries[i].Key, StringComparison.Ordinal) ||
                !string.Equals(_entries[i].Value, other._entries[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, string>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key) => IndexOf(_entries, key);

    // Metadata holds a handful of entries (64 at most): a sorted array with binary-search inserts
    // builds it with far less garbage than the SortedDictionary it replaced. Returns the new length.
    private static int Set(ref KeyValuePair<string, string>[] sorted, int length, string key, string value)
    {
        var entry = new KeyValuePair<string, string>(StringPool.Intern(key), StringPool.Intern(value));
        var index = IndexOf(sorted.AsSpan(0, length), key);
        if (index >= 0)
        {
            sorted[index] = entry;
            return length;
        }

        if (length == sorted.Length)
        {
            Array.Resize(ref sorted, Math.Max(4, length * 2));
        }

        index = ~index;
        Array.Copy(sorted, index, sorted, index + 1, length - index);
        sorted[index] = entry;
        return length + 1;
    }

    /// <summary>The index of <paramref name="key"/>, or the bitwise complement of where it would go.</summary>
    private static int IndexOf(ReadOnlySpan<KeyValuePair<string, string>> sorted, string key)
    {
        int lo = 0, hi = sorted.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var cmp = string.CompareOrdinal(sorted[mid].Key, key);
            if (cmp == 0)
            {
                return mid;
            }

            if (cmp < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
