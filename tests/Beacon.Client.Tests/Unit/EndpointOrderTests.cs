using Beacon.Client.AspNetCore.ServiceDiscovery;
using Beacon.Contracts;
using static Beacon.Client.Tests.Support.Views;

namespace Beacon.Client.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class EndpointOrderTests
{
    [Fact]
    public void Build_Weights_OneSmoothCycleInProportion()
    {
        var view = Of([Instance("a", weight: 200), Instance("bb", weight: 100)]);

        var cycle = EndpointOrder.Build(view, ["http"]).Select(e => e.Instance.Id).ToArray();

        // Smooth weighted round robin spreads the heavier instance out: a, bb, a.
        Assert.Equal(["a", "bb", "a"], cycle);
    }

    [Fact]
    public void Build_EqualWeights_EachOnce()
    {
        var view = Of([Instance("a"), Instance("bb"), Instance("ccc")]);

        Assert.Equal(3, EndpointOrder.Build(view, ["http"]).Count);
    }

    [Fact]
    public void Build_SchemeNotOffered_SkipsInstance()
    {
        var grpcOnly = Instance("g") with { Addresses = ["grpc://10.0.0.1:9090"] };
        var both = Instance("b") with { Addresses = ["http://10.0.0.2:80", "https://10.0.0.2:443"] };
        var view = Of([grpcOnly, both]);

        var endpoints = EndpointOrder.Build(view, ["https", "http"]);

        var only = Assert.Single(endpoints);
        Assert.Equal(new Uri("https://10.0.0.2:443"), only.Address);
    }

    [Fact]
    public void Normalize_HugeWeightRatio_CapsTheCycle()
    {
        var weights = EndpointOrder.Normalize([10_000, 1, 9_999]);

        Assert.True(weights.Sum() <= 1000);
        Assert.All(weights, w => Assert.True(w >= 1));
    }

    [Fact]
    public void Build_DownInstances_Excluded()
    {
        var view = Of([Instance("a", status: InstanceStatus.Down), Instance("bb")]);

        Assert.Equal(["bb"], EndpointOrder.Build(view, ["http"]).Select(e => e.Instance.Id));
    }
}
