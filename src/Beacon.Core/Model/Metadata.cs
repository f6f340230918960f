using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

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
    public static Metadata From(IEnumerable<KeyValuePair<string, string>>? pairs)
    {
        if (pairs is null)
        {
            return Empty;
        }

        var sorted = new List<KeyValuePair<string, string>>(pairs.TryGetNonEnumeratedCount(out var count) ? count : 4);
        foreach (var (key, value) in pairs)
        {
            Set(sorted, key, value);
        }

        return sorted.Count == 0 ? Empty : new Metadata([.. sorted]);
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
        var sorted = new List<KeyValuePair<string, string>>(_entries);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                var index = IndexOf(CollectionsMarshal.AsSpan(sorted), key);
                if (index >= 0)
                {
                    sorted.RemoveAt(index);
                }
            }
            else
            {
                Set(sorted, key, value);
            }
        }

        return sorted.Count == 0 ? Empty : new Metadata([.. sorted]);
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

    // Metadata holds a handful of entries (64 at most): a sorted list with binary-search inserts
    // builds it with far less garbage than the SortedDictionary it replaced.
    private static void Set(List<KeyValuePair<string, string>> sorted, string key, string value)
    {
        var entry = new KeyValuePair<string, string>(StringPool.Intern(key), StringPool.Intern(value));
        var index = IndexOf(CollectionsMarshal.AsSpan(sorted), key);
        if (index >= 0)
        {
            sorted[index] = entry;
        }
        else
        {
            sorted.Insert(~index, entry);
        }
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
