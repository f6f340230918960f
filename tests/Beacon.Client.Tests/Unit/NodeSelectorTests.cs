using Beacon.Client.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Beacon.Client.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class NodeSelectorTests
{
    private static readonly Uri A = new("http://127.0.0.1:1/");
    private static readonly Uri B = new("http://127.0.0.1:2/");
    private static readonly Uri C = new("http://127.0.0.1:3/");

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Failed_CurrentNode_MovesToNextAndRaisesFailedOver()
    {
        var selector = Selector(A, B, C);
        var failovers = 0;
        selector.FailedOver += () => failovers++;

        selector.Failed(selector.Plan()[0]);

        Assert.Equal(B, selector.Plan()[0].BaseAddress);
        Assert.Equal(1, failovers);
    }

    [Fact]
    public void Plan_NodeInBackoff_GoesLastUntilBackoffPasses()
    {
        var selector = Selector(A, B, C);
        var a = selector.Plan()[0];
        selector.Failed(a);
        selector.Succeeded(selector.Plan().Single(n => n.BaseAddress == C));

        Assert.Equal([C, B, A], selector.Plan().Select(n => n.BaseAddress));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([C, A, B], selector.Plan().Select(n => n.BaseAddress));
    }

    [Fact]
    public void Backoff_RepeatedFailures_DoublesUpToTheCap()
    {
        var selector = Selector(A);

        Assert.Equal(TimeSpan.FromMilliseconds(100), selector.Backoff(1));
        Assert.Equal(TimeSpan.FromMilliseconds(400), selector.Backoff(3));
        Assert.Equal(TimeSpan.FromSeconds(1), selector.Backoff(30));
    }

    [Fact]
    public void MergeMembers_LearnedNodes_AddedSeedsKept()
    {
        var selector = Selector(A);

        Assert.True(selector.MergeMembers([B, C]));
        Assert.False(selector.MergeMembers([C, B]));
        Assert.True(selector.MergeMembers([C]));

        Assert.Equal([A, C], selector.Nodes);
    }

    private NodeSelector Selector(params Uri[] seeds) =>
        new(seeds, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), _time);
}
