using System.IO.Hashing;
using System.Text;
using Beacon.Core.Model;

namespace Beacon.Core.Tests.Model;

/// <summary>An instance computes its key's hash once; the cache must never be stale, nor change the record's equality.</summary>
[Trait("Category", "Unit")]
public sealed class KeyHashTests
{
    private readonly RegistryFixture _fixture = new();

    [Fact]
    public void KeyHash_IsTheStableHashOfTheKey()
    {
        var instance = _fixture.Register("orders", "o-1");

        // XXH3 of each part's UTF-8 followed by a zero byte: the value every node of every version computes.
        var expected = XxHash3.HashToUInt64(Encoding.UTF8.GetBytes("default\0orders\0o-1\0"));
        Assert.Equal(expected, InstanceKeyHash.Of("default", "orders", "o-1"));
        Assert.Equal(expected, instance.KeyHash);
        Assert.Equal(expected, instance.KeyHash); // cached: the same again
    }

    [Fact]
    public void KeyHash_CopyWithAnotherKey_IsRecomputed()
    {
        var instance = _fixture.Register("orders", "o-1");
        _ = instance.KeyHash;

        Assert.Equal(InstanceKeyHash.Of("default", "orders", "o-2"), (instance with { Id = "o-2" }).KeyHash);
        Assert.Equal(InstanceKeyHash.Of("default", "payments", "o-1"), (instance with { Service = "payments" }).KeyHash);
        Assert.Equal(InstanceKeyHash.Of("prod", "orders", "o-1"), (instance with { Namespace = "prod" }).KeyHash);
        Assert.Equal(instance.KeyHash, (instance with { Weight = 7 }).KeyHash);
    }

    [Fact]
    public void KeyHash_Computed_LeavesEqualityAndHashCodeAsTheyWere()
    {
        var instance = _fixture.Register("orders", "o-1");
        var copy = instance with { };
        var hashCode = instance.GetHashCode();

        _ = instance.KeyHash; // computed on one copy only

        Assert.Equal(copy, instance);
        Assert.Equal(hashCode, instance.GetHashCode());
        Assert.Equal(copy.GetHashCode(), instance.GetHashCode());
    }

    [Fact]
    public void KeyHash_LongKey_SameAsTheDefinition()
    {
        var id = new string('é', 2000); // longer than the stack buffer once encoded

        Assert.Equal(XxHash3.HashToUInt64(Encoding.UTF8.GetBytes($"default\0orders\0{id}\0")), InstanceKeyHash.Of("default", "orders", id));
    }
}
