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
    public static Metadata From(IEnumerable<KeyValuePair<string, string>>? pairs)
    {
        if (pairs is null)
        {
            return Empty;
        }

        var byKey = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            byKey[StringPool.Intern(key)] = StringPool.Intern(value);
        }

        return byKey.Count == 0 ? Empty : new Metadata([.. byKey]);
    }

    public int Count => _entries.Length;

    public string this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<string> Values => _entries.Select(e => e.Value);

    /// <summary>Total characters of keys and values, the size that limits are checked against.</summary>
    public int TextLength => _entries.Sum(e => e.Key.Length + e.Value.Length);

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
        var byKey = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in _entries)
        {
            byKey[key] = value;
        }

        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                byKey.Remove(key);
            }
            else
            {
                byKey[StringPool.Intern(key)] = StringPool.Intern(value);
            }
        }

        return byKey.Count == 0 ? Empty : new Metadata([.. byKey]);
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

    private int IndexOf(string key)
    {
        int lo = 0, hi = _entries.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var cmp = string.CompareOrdinal(_entries[mid].Key, key);
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

        return -1;
    }
}
