using Beacon.Core.Model;

namespace Beacon.Core.Tests.Model;

[Trait("Category", "Unit")]
public sealed class MetadataTests
{
    [Fact]
    public void From_SortsAndLooksUp()
    {
        var m = Metadata.From(new Dictionary<string, string> { ["zone"] = "z", ["app"] = "a", ["m"] = "1" });
        Assert.Equal(["app", "m", "zone"], m.Keys);
        Assert.Equal("z", m["zone"]);
        Assert.False(m.TryGetValue("nope", out _));
        Assert.Throws<KeyNotFoundException>(() => m["nope"]);
    }

    [Fact]
    public void From_NullOrEmpty_IsTheSharedEmpty()
    {
        Assert.Same(Metadata.Empty, Metadata.From(null));
        Assert.Same(Metadata.Empty, Metadata.From(new Dictionary<string, string>()));
    }

    [Fact]
    public void SameAs_ComparesPairs()
    {
        var a = Metadata.From(new Dictionary<string, string> { ["k"] = "v" });
        var b = Metadata.From(new Dictionary<string, string> { ["k"] = "v" });
        var c = Metadata.From(new Dictionary<string, string> { ["k"] = "w" });
        Assert.True(a.SameAs(b));
        Assert.False(a.SameAs(c));
        Assert.False(a.SameAs(Metadata.Empty));
    }

    [Fact]
    public void From_PairsOfUnknownCount_GrowSortAndLetALaterDuplicateWin()
    {
        static IEnumerable<KeyValuePair<string, string>> Pairs()
        {
            foreach (var key in new[] { "f", "b", "e", "a", "d", "c", "b" })
            {
                yield return new(key, key == "b" ? "later" : key.ToUpperInvariant());
            }
        }

        var m = Metadata.From(Pairs());
        Assert.Equal(["a", "b", "c", "d", "e", "f"], m.Keys);
        Assert.Equal("later", m["b"]);
        Assert.Equal(6, m.Count);
    }

    [Fact]
    public void TryFrom_NullValue_NamesItsKey()
    {
        Assert.False(Metadata.TryFrom(new Dictionary<string, string> { ["a"] = "1", ["b"] = null! }, out _, out var key));
        Assert.Equal("b", key);
        Assert.Throws<ArgumentException>(() => Metadata.From([new("a", null!)]));
    }

    [Fact]
    public void Merge_SetsAddsAndRemoves()
    {
        var m = Metadata.From(new Dictionary<string, string> { ["a"] = "1", ["c"] = "3", ["e"] = "5" });
        var merged = m.Merge(new Dictionary<string, string?> { ["c"] = null, ["b"] = "2", ["e"] = "five", ["zz"] = null });
        Assert.Equal(["a", "b", "e"], merged.Keys);
        Assert.Equal(["1", "2", "five"], merged.Values);
        Assert.Equal(["a", "c", "e"], m.Keys);
    }

    [Fact]
    public void Merge_RemovingEverything_IsTheSharedEmpty() =>
        Assert.Same(Metadata.Empty, Metadata.From(new Dictionary<string, string> { ["a"] = "1" }).Merge(new Dictionary<string, string?> { ["a"] = null }));
}
