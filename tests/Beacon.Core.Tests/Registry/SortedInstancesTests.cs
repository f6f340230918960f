using Beacon.Core.Model;
using Beacon.Core.Registry;

namespace Beacon.Core.Tests.Registry;

/// <summary>
/// The chunked list behind every service snapshot, checked against a plain sorted model through the
/// registry's own writes: inserts that split chunks, replacements, removals that merge them.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SortedInstancesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomWrites_KeepTheListEqualToASortedModel(int seed)
    {
        var f = new RegistryFixture();
        var model = new SortedSet<string>(StringComparer.Ordinal);
        var random = new Random(seed);
        for (var step = 0; step < 4_000; step++)
        {
            // Ids from a pool a few chunks wide, so inserts, replacements and removals all happen often.
            var id = $"i-{random.Next(600):D4}";
            if (random.Next(3) == 0)
            {
                Assert.Equal(model.Remove(id), f.Registry.Deregister("default", "orders", id));
            }
            else
            {
                f.Register(id: id);
                model.Add(id);
            }

            if (step % 97 == 0)
            {
                AssertMatches(model, Instances(f));
            }
        }

        AssertMatches(model, Instances(f));
    }

    [Fact]
    public void Appends_FillChunksAndEveryIndexIsReachable()
    {
        var f = new RegistryFixture();
        var ids = Enumerable.Range(0, SortedInstances.MaxChunk * 5 + 3).Select(i => $"a-{i:D5}").ToList();
        foreach (var id in ids)
        {
            f.Register(id: id);
        }

        var list = Instances(f);
        AssertMatches(new SortedSet<string>(ids, StringComparer.Ordinal), list);
        Assert.Equal(~0, list.IndexOf("a-"));                 // before the first
        Assert.Equal(~ids.Count, list.IndexOf("b"));          // after the last
        Assert.Equal(~(SortedInstances.MaxChunk + 1), list.IndexOf($"a-{SortedInstances.MaxChunk:D5}x")); // between two
    }

    [Fact]
    public void RemovingEverything_LeavesAnEmptyList()
    {
        var f = new RegistryFixture();
        for (var i = 0; i < 200; i++)
        {
            f.Register(id: $"r-{i:D3}");
        }

        for (var i = 0; i < 200; i++)
        {
            Assert.True(f.Registry.Deregister("default", "orders", $"r-{(i * 7) % 200:D3}"));
        }

        var list = Instances(f);
        Assert.Equal(0, list.Length);
        Assert.Empty(list);
        Assert.Equal(~0, list.IndexOf("r-000"));
    }

    private static SortedInstances Instances(RegistryFixture f) =>
        f.Registry.FindService("default", "orders")?.Snapshot.Instances ?? SortedInstances.Empty;

    private static void AssertMatches(SortedSet<string> model, SortedInstances list)
    {
        Assert.Equal(model.Count, list.Length);
        Assert.Equal(model, list.Select(i => i.Id));           // the struct enumerator, in order
        var position = 0;
        foreach (var id in model)
        {
            Assert.Equal(id, list[position].Id);               // the indexer
            Assert.Equal(position, list.IndexOf(id));          // the search
            position++;
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => list[model.Count]);
    }
}
