using System.IO.Hashing;
using System.Text;
using Beacon.Cluster.AntiEntropy;
using Beacon.Core.Model;
using Beacon.Core.Versioning;

namespace Beacon.Cluster.Tests;

/// <summary>The hashes responsibility and anti-entropy digests rest on: stable across versions, allocation-free.</summary>
[Trait("Category", "Unit")]
public sealed class HashTests
{
    [Theory]
    [InlineData("default", "orders", "orders-1")]
    [InlineData("", "", "")]
    [InlineData("prod", "payments.eu-west", "ünïcödé-id")]
    public void KeyHash_IsXxHash3OfTheZeroTerminatedParts(string @namespace, string service, string id) =>
        Assert.Equal(Streamed(@namespace, service, id), InstanceKeyHash.Of(@namespace, service, id));

    [Fact]
    public void KeyHash_KeyLongerThanTheStackBuffer_SameHashAsStreamed()
    {
        var id = new string('x', 3000);

        Assert.Equal(Streamed("default", "orders", id), InstanceKeyHash.Of("default", "orders", id));
    }

    [Fact]
    public void KeyHash_DoesNotAllocate()
    {
        InstanceKeyHash.Of("default", "orders", "orders-1");
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 1000; i++)
        {
            InstanceKeyHash.Of("default", "orders", "orders-1");
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Theory]
    [InlineData(0UL, 0L, "127.0.0.1:8881", false)]
    [InlineData(0x9E3779B97F4A7C15UL, 1795644051017755L, "beacon-0.beacon:7171", true)]
    [InlineData(42UL, -1L, "ünïcödé:1", false)]
    public void RecordHash_IsTheValueEarlierVersionsComputed(ulong keyHash, long clock, string origin, bool removed)
    {
        // Earlier versions allocated two arrays per record; digests of both versions must still match.
        var originHash = XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(origin));
        var expected = XxHash3.HashToUInt64(BitConverter.GetBytes(keyHash ^ (ulong)clock ^ (originHash * 31) ^ (removed ? 0x5bd1e995UL : 0)));

        Assert.Equal(expected, DigestTable.RecordHash(keyHash, new Stamp(clock, origin), removed));
    }

    [Fact]
    public void RecordHash_DoesNotAllocate()
    {
        var stamp = new Stamp(1795644051017755L, "127.0.0.1:8881");
        DigestTable.RecordHash(7, stamp, removed: false);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 1000; i++)
        {
            DigestTable.RecordHash((ulong)i, stamp, removed: false);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    /// <summary>How earlier versions hashed a key (a streaming XxHash3): nodes of both must agree.</summary>
    private static ulong Streamed(params string[] parts)
    {
        var hash = new XxHash3();
        foreach (var part in parts)
        {
            hash.Append(Encoding.UTF8.GetBytes(part));
            hash.Append([0]);
        }

        return hash.GetCurrentHashAsUInt64();
    }
}
