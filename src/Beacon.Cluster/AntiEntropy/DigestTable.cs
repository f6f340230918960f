using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Beacon.Cluster.Membership;
using Beacon.Cluster.Wire;
using Beacon.Core.Model;
using Beacon.Core.Registry;
using Beacon.Core.Versioning;

namespace Beacon.Cluster.AntiEntropy;

/// <summary>
/// Checksums of the registry by responsible node and bucket, from one pass over the data: for each
/// record (instance or tombstone) the key's hash picks the responsible node (as this node sees the
/// members) and a bucket, and a hash of the key and its version stamp is XOR-ed into that bucket.
/// Leases are left out: they change with every heartbeat and travel by renewal replication. So are
/// records stamped after a cut-off a few seconds back: replication is still delivering them, and
/// counting them would make every busy bucket look different and be sent twice. Both sides of a
/// comparison use the same cut-off (the requester's), so the comparison does not depend on when each
/// computed its table.
/// </summary>
internal sealed class DigestTable
{
    private readonly Dictionary<string, ulong[]> _byOwner = new(StringComparer.Ordinal);
    private readonly int _buckets;

    private DigestTable(int buckets) => _buckets = buckets;

    public static DigestTable Compute(ServiceRegistry registry, Responsibility responsibility, int buckets, long settledBefore)
    {
        var table = new DigestTable(buckets);
        var view = responsibility.View();
        foreach (var service in registry.AllServices())
        {
            foreach (var instance in service.Snapshot.Instances)
            {
                if (HybridClock.ToUnixMs(instance.Stamp.Clock) <= settledBefore)
                {
                    table.Add(view, instance.KeyHash, instance.Stamp, removed: false);
                }
            }

            foreach (var tombstone in service.Tombstones.Values)
            {
                if (HybridClock.ToUnixMs(tombstone.Stamp.Clock) <= settledBefore)
                {
                    table.Add(view, InstanceKeyHash.Of(service.Namespace, service.Name, tombstone.Id), tombstone.Stamp, removed: true);
                }
            }
        }

        return table;
    }

    /// <summary>The checksums of what <paramref name="owner"/> is responsible for (zeros when nothing).</summary>
    public ulong[] For(string owner) => _byOwner.GetValueOrDefault(owner) ?? new ulong[_buckets];

    public static int BucketOf(ulong keyHash, int buckets) => (int)(keyHash % (ulong)buckets);

    /// <summary>The buckets where two digests differ.</summary>
    public static List<int> Differing(IReadOnlyList<ulong> mine, IReadOnlyList<ulong> theirs)
    {
        var result = new List<int>();
        for (var i = 0; i < Math.Max(mine.Count, theirs.Count); i++)
        {
            var a = i < mine.Count ? mine[i] : 0;
            var b = i < theirs.Count ? theirs[i] : 0;
            if (a != b)
            {
                result.Add(i);
            }
        }

        return result;
    }

    /// <summary>
    /// The records (instances with their leases, and tombstones) of the given buckets that
    /// <paramref name="owner"/> is responsible for: what a node with a different checksum needs.
    /// </summary>
    public static List<ReplicationItem> RecordsIn(ServiceRegistry registry, Responsibility responsibility, string owner, IReadOnlyCollection<int> buckets, int bucketCount)
    {
        var wanted = buckets.ToHashSet();
        var view = responsibility.View();
        var items = new List<ReplicationItem>();
        foreach (var service in registry.AllServices())
        {
            foreach (var instance in service.Snapshot.Instances)
            {
                var hash = instance.KeyHash;
                if (wanted.Contains(BucketOf(hash, bucketCount)) && view.OwnerOf(hash).Id == owner)
                {
                    items.Add(PeerMapper.Put(instance));
                }
            }

            foreach (var tombstone in service.Tombstones.Values)
            {
                var hash = InstanceKeyHash.Of(service.Namespace, service.Name, tombstone.Id);
                if (wanted.Contains(BucketOf(hash, bucketCount)) && view.OwnerOf(hash).Id == owner)
                {
                    items.Add(PeerMapper.Remove(service.Namespace, service.Name, tombstone.Id, tombstone.Stamp, tombstone.Op));
                }
            }
        }

        return items;
    }

    private void Add(Responsibility.LiveView view, ulong keyHash, Stamp stamp, bool removed)
    {
        var owner = view.OwnerOf(keyHash).Id;
        if (!_byOwner.TryGetValue(owner, out var buckets))
        {
            _byOwner[owner] = buckets = new ulong[_buckets];
        }

        buckets[BucketOf(keyHash, _buckets)] ^= RecordHash(keyHash, stamp, removed);
    }

    /// <summary>
    /// What one record contributes to its bucket: XXH3 of (key hash ^ clock ^ 31·XXH3(origin) ^ a
    /// removal mark) as 8 little-endian bytes. Computed on stack buffers: a digest round runs this for
    /// every record of the registry (it allocated two small arrays per record before; the values are
    /// unchanged, so nodes of both versions compare equal).
    /// </summary>
    internal static ulong RecordHash(ulong keyHash, Stamp stamp, bool removed)
    {
        var originLength = Encoding.UTF8.GetMaxByteCount(stamp.Origin.Length);
        var origin = originLength <= 256
            ? XxHash3.HashToUInt64(Utf8(stamp.Origin, stackalloc byte[256]))
            : XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(stamp.Origin));
        var mixed = keyHash ^ (ulong)stamp.Clock ^ (origin * 31) ^ (removed ? 0x5bd1e995UL : 0);
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, mixed);
        return XxHash3.HashToUInt64(bytes);
    }

    private static ReadOnlySpan<byte> Utf8(string value, Span<byte> buffer) => buffer[..Encoding.UTF8.GetBytes(value, buffer)];
}
