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
}
