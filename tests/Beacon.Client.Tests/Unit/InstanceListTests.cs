using Beacon.Client.Discovery;
using Beacon.Contracts;
using static Beacon.Client.Tests.Support.Views;

namespace Beacon.Client.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class InstanceListTests
{
    [Fact]
    public void Apply_RandomChanges_MatchTheSortedSetOfLiveInstances()
    {
        // A model (a dictionary) against the binary-search edits, over thousands of random changes.
        var random = new Random(7);
        var model = new Dictionary<string, InstanceInfo>(StringComparer.Ordinal);
        InstanceInfo[] list = [];
        for (var step = 0; step < 5000; step++)
        {
            var id = $"i-{random.Next(60)}";
            var op = (ChangeOp)random.Next(4);
            var instance = Instance(id, weight: random.Next(1, 100));
            if (op is ChangeOp.Registered or ChangeOp.Updated)
            {
                model[id] = instance;
            }
            else
            {
                model.Remove(id);
            }

            list = InstanceList.Apply(list, Change(op, instance));

            Assert.Equal(model.Keys.Order(StringComparer.Ordinal), list.Select(i => i.Id));
            Assert.All(list, i => Assert.Same(model[i.Id], i));
        }
    }

    [Fact]
    public void Apply_NeverMutatesTheArrayItIsGiven()
    {
        InstanceInfo[] before = [Instance("a"), Instance("b"), Instance("c")];
        var copy = before.ToArray();

        InstanceList.Apply(before, Change(ChangeOp.Registered, Instance("b", weight: 5)));
        InstanceList.Apply(before, Change(ChangeOp.Deregistered, Instance("a")));
        InstanceList.Apply(before, Change(ChangeOp.Registered, Instance("bb")));

        Assert.Equal(copy, before);
    }

    [Fact]
    public void Apply_RemovalOfAnAbsentInstance_ReturnsTheSameArray()
    {
        InstanceInfo[] before = [Instance("a")];

        Assert.Same(before, InstanceList.Apply(before, Change(ChangeOp.Evicted, Instance("z"))));
    }

    [Fact]
    public void ServiceView_ListOutOfOrder_IsPutInIdOrder()
    {
        var view = Of([Instance("c"), Instance("a"), Instance("b", status: InstanceStatus.Down)]);

        Assert.Equal(["a", "b", "c"], view.Instances.Select(i => i.Id));
        Assert.Equal(["a", "c"], view.Available.Select(i => i.Id));
        Assert.True(view.MarkFailed("c"));
        Assert.False(view.MarkFailed("b"));
    }

    private static ChangeInfo Change(ChangeOp op, InstanceInfo instance) =>
        new() { Revision = 1, Op = op, Service = instance.Service, Instance = instance };
}
