using Beacon.Contracts;
using Beacon.Core.Changes;

namespace Beacon.Core.Tests.Changes;

[Trait("Category", "Unit")]
public sealed class ChangeLogTests
{
    [Fact]
    public void Revisions_StartAtStartTimeInMicroseconds()
    {
        var f = new RegistryFixture();
        Assert.Equal(f.Time.GetUtcNow().ToUnixTimeMilliseconds() * 1000, f.Registry.Changes.BaseRevision);
        Assert.Equal(f.Registry.Changes.BaseRevision + 1, f.Register().Revision);
    }

    [Fact]
    public void TryRead_ReturnsChangesAfterSinceInOrder()
    {
        var f = new RegistryFixture();
        var start = f.Registry.Changes.Revision;
        f.Register(id: "a");
        f.Register(id: "b");
        f.Registry.Deregister("default", "orders", "a");

        var changes = new List<Change>();
        Assert.True(f.Registry.Changes.TryRead(start, 100, _ => true, changes, out var upTo));

        Assert.Equal([ChangeOp.Registered, ChangeOp.Registered, ChangeOp.Deregistered], changes.Select(c => c.Op));
        Assert.Equal(f.Registry.Changes.Revision, upTo);
    }

    [Fact]
    public void TryRead_Limit_StopsAndReportsPosition()
    {
        var f = new RegistryFixture();
        var start = f.Registry.Changes.Revision;
        for (var i = 0; i < 5; i++)
        {
            f.Register(id: $"i{i}");
        }

        var changes = new List<Change>();
        Assert.True(f.Registry.Changes.TryRead(start, 2, _ => true, changes, out var upTo));
        Assert.Equal(2, changes.Count);
        Assert.Equal(start + 2, upTo);
    }

    [Fact]
    public void TryRead_Filter_SkipsButAdvances()
    {
        var f = new RegistryFixture();
        var start = f.Registry.Changes.Revision;
        f.Register(service: "a");
        f.Register(service: "b");

        var changes = new List<Change>();
        Assert.True(f.Registry.Changes.TryRead(start, 10, c => c.Instance.Service == "a", changes, out var upTo));
        Assert.Single(changes);
        Assert.Equal(start + 2, upTo);
    }

    [Fact]
    public void TryRead_OlderThanHistory_IsGone()
    {
        var f = new RegistryFixture(o => o.ChangeHistorySize = 16);
        var start = f.Registry.Changes.Revision;
        for (var i = 0; i < 20; i++)
        {
            f.Register(id: $"i{i}");
        }

        Assert.False(f.Registry.Changes.TryRead(start, 100, _ => true, [], out _));
        Assert.True(f.Registry.Changes.TryRead(f.Registry.Changes.Revision - 16, 100, _ => true, [], out _));
        Assert.False(f.Registry.Changes.TryRead(f.Registry.Changes.Revision - 17, 100, _ => true, [], out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(long.MaxValue)]
    public void TryRead_ForeignRevision_IsGone(long since)
    {
        var f = new RegistryFixture();
        f.Register();
        Assert.False(f.Registry.Changes.TryRead(since, 100, _ => true, [], out _));
    }

    [Fact]
    public async Task Signal_WakesWaitersAndCoalesces()
    {
        var signal = new ChangeSignal();
        var first = signal.WaitAsync();
        var second = signal.WaitAsync();
        Assert.Same(first, second);
        Assert.False(first.IsCompleted);

        signal.Signal();
        await first.WaitAsync(TimeSpan.FromSeconds(5));

        var next = signal.WaitAsync();
        Assert.NotSame(first, next);
        Assert.False(next.IsCompleted);
    }
}
