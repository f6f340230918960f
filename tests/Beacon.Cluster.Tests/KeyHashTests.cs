using System.IO.Hashing;
using System.Text;
using Beacon.Cluster.Membership;

namespace Beacon.Cluster.Tests;

[Trait("Category", "Unit")]
public sealed class KeyHashTests
{
    [Theory]
    [InlineData("default", "orders", "orders-1")]
    [InlineData("", "", "")]
    [InlineData("prod", "payments.eu-west", "ünïcödé-id")]
    public void KeyHash_IsXxHash3OfTheZeroTerminatedParts(string @namespace, string service, string id) =>
        Assert.Equal(Streamed(@namespace, service, id), Responsibility.KeyHash(@namespace, service, id));

    [Fact]
    public void KeyHash_KeyLongerThanTheStackBuffer_SameHashAsStreamed()
    {
        var id = new string('x', 3000);

        Assert.Equal(Streamed("default", "orders", id), Responsibility.KeyHash("default", "orders", id));
    }

    [Fact]
    public void KeyHash_DoesNotAllocate()
    {
        Responsibility.KeyHash("default", "orders", "orders-1");
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 1000; i++)
        {
            Responsibility.KeyHash("default", "orders", "orders-1");
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
