using Beacon.Core.Model;

namespace Beacon.Core.Tests.Model;

[Trait("Category", "Unit")]
public sealed class StringPoolTests
{
    [Fact]
    public void Intern_EqualStrings_ReturnsOneInstance()
    {
        var first = StringPool.Intern(new string("eu-west-1a".AsSpan()));
        var second = StringPool.Intern(new string("eu-west-1a".AsSpan()));
        Assert.Same(first, second);
    }

    [Fact]
    public void Intern_LongString_IsReturnedAsItIs()
    {
        var value = new string('x', 65);
        Assert.Same(value, StringPool.Intern(value));
        Assert.NotSame(StringPool.Intern(new string('x', 65)), StringPool.Intern(new string('x', 65)));
    }

    [Fact]
    public void MetadataFrom_SharesKeysAndShortValuesAcrossInstances()
    {
        static Metadata Make() => Metadata.From(new Dictionary<string, string>
        {
            [new string("team".AsSpan())] = new string("payments".AsSpan()),
        });

        var a = Make().Single();
        var b = Make().Single();
        Assert.Same(a.Key, b.Key);
        Assert.Same(a.Value, b.Value);
    }
}
