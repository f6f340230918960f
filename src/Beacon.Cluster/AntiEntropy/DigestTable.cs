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
/// Checksums, by bucket, of the records one node is responsible for, from one pass over the data:
/// for each record (instance or tombstone) the key's hash picks the responsible node (as this node
/// sees the members) and a bucket, and a hash of the key and its version stamp is XOR-ed into that
/// bucket when the node is the one asked about.
/// Leases are left out: they change with every heartbeat and travel by renewal replication. So are
/// records stamped after a cut-off a few seconds back: replication is still delivering them, and
/// counting them would make every busy bucket look different and be sent twice. Both sides of a
/// comparison use the same cut-off (the requester's), so the comparison does not depend on when each
/// computed its table.
/// </summary>
internal static class DigestTable
{
    /// <summary>
    /// The checksums of the records <paramref name="owner"/> is responsible for, counting those stamped
    /// at or before <paramref name="settledBefore"/> (zeros when there are none). Records of other owners
    /// are skipped before any hashing, and the stamps' origins (a handful of node ids) are hashed once
    /// each: the pass costs little more than reading each record's stamp and key hash.
    /// </summary>
    public static ulong[] Compute(ServiceRegistry registry, Responsibility responsibility, string owner, int buckets, long settledBefore)
    {
        var checksums = new ulong[buckets];
        var view = responsibility.View();
        var target = view.Live.FirstOrDefault(m => m.Id == owner);
        if (target is null)
        {
            return checksums; // not live in this node's view: responsible for nothing
        }

        var origins = new OriginHashes();
        foreach (var service in registry.AllServices())
        {
            foreach (var instance in service.Snapshot.Instances)
            {
                var stamp = instance.Stamp;
                if (HybridClock.ToUnixMs(stamp.Clock) <= settledBefore)
                {
                    var keyHash = instance.KeyHash;
                    if (view.OwnerOf(keyHash) == target)
                    {
                        checksums[BucketOf(keyHash, buckets)] ^= RecordHash(keyHash, stamp.Clock, origins.Of(stamp.Origin), removed: false);
                    }
                }
            }

            foreach (var tombstone in service.Tombstones.Values)
            {
                if (HybridClock.ToUnixMs(tombstone.Stamp.Clock) <= settledBefore)
                {
                    var keyHash = InstanceKeyHash.Of(service.Namespace, service.Name, tombstone.Id);
                    if (view.OwnerOf(keyHash) == target)
                    {
                        checksums[BucketOf(keyHash, buckets)] ^= RecordHash(keyHash, tombstone.Stamp.Clock, origins.Of(tombstone.Stamp.Origin), removed: true);
                    }
                }
            }
        }

        return checksums;
    }

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

    /// <summary>
    /// What one record contributes to its bucket: XXH3 of (key hash ^ clock ^ 31·XXH3(origin) ^ a
    /// removal mark) as 8 little-endian bytes. Computed on stack buffers, with no allocation; the
    /// values never change, so nodes of every version compare equal.
    /// </summary>
    internal static ulong RecordHash(ulong keyHash, Stamp stamp, bool removed) =>
        RecordHash(keyHash, stamp.Clock, OriginHash(stamp.Origin), removed);

    private static ulong RecordHash(ulong keyHash, long clock, ulong originHash, bool removed)
    {
        var mixed = keyHash ^ (ulong)clock ^ (originHash * 31) ^ (removed ? 0x5bd1e995UL : 0);
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, mixed);
        return XxHash3.HashToUInt64(bytes);
    }

    private static ulong OriginHash(string origin) =>
        Encoding.UTF8.GetMaxByteCount(origin.Length) <= 256
            ? XxHash3.HashToUInt64(Utf8(origin, stackalloc byte[256]))
            : XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(origin));

    /// <summary>
    /// The last origin seen and its hash. Origins are interned node ids and records come in runs from
    /// the same node, so nearly every lookup is a reference comparison.
    /// </summary>
    private struct OriginHashes
    {
        private string? _last;
        private ulong _hash;

        public ulong Of(string origin)
        {
            if (!ReferenceEquals(origin, _last))
            {
                _hash = OriginHash(origin);
                _last = origin;
            }

            return _hash;
        }
    }

    private static ReadOnlySpan<byte> Utf8(string value, Span<byte> buffer) => buffer[..Encoding.UTF8.GetBytes(value, buffer)];
}
