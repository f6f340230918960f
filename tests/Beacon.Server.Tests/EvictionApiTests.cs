using System.Net;
using Beacon.Contracts;
using Beacon.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace Beacon.Server.Tests;

/// <summary>The node's eviction loop, driven by a fake clock through the real host.</summary>
[Trait("Category", "Integration")]
public sealed class EvictionApiTests
{
    [Fact]
    public async Task SilentInstance_IsEvictedAfterItsLease_AndItsHeartbeatThenGets404()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await BeaconTestNode.StartAsync(
            new Dictionary<string, string?> { ["Beacon:Registry:SelfPreservation:Enabled"] = "false" }, time);
        await node.Client.RegisterOkAsync("orders", "silent", """{"addresses":["http://a:1"],"leaseSeconds":10}""");
        await node.Client.RegisterOkAsync("orders", "alive", """{"addresses":["http://b:1"],"leaseSeconds":10}""");

        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            using var beat = await node.Client.PostAsync(BeaconRoutes.Heartbeat("orders", "alive"), null);
            Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        }

        await Eventually.TrueAsync(async () =>
            (await node.Client.GetServiceAsync("orders", "?status=all")).Instances.All(i => i.Id != "silent"),
            "the silent instance is evicted");
        var left = await node.Client.GetServiceAsync("orders");
        Assert.Equal("alive", Assert.Single(left.Instances).Id);

        using var late = await node.Client.PostAsync(BeaconRoutes.Heartbeat("orders", "silent"), null);
        Assert.Equal(ProblemTypes.InstanceNotFound, (await late.ProblemAsync(404)).Type);
    }
}
