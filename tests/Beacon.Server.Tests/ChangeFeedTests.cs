using System.Net;
using System.Net.Http.Json;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Server.Tests;

[Trait("Category", "Integration")]
public sealed class ChangeFeedTests : IAsyncLifetime
{
    private BeaconTestNode _node = null!;

    private HttpClient Client => _node.Client;

    public async Task InitializeAsync() => _node = await BeaconTestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private async Task<long> CurrentRevisionAsync() =>
        (await Client.GetFromJsonAsync(BeaconRoutes.Status, BeaconJsonContext.Default.NodeStatus))!.Revision;

    private async Task<ChangeFeed> FeedAsync(string query)
    {
        using var response = await Client.GetAsync(BeaconRoutes.Changes + query);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.ChangeFeed))!;
    }

    [Fact]
    public async Task Changes_ListEveryOpOfTheNamespaceInOrder()
    {
        var since = await CurrentRevisionAsync();
        await Client.RegisterOkAsync("orders", "o-1");
        await Client.PatchAsync(BeaconRoutes.Instance("orders", "o-1"), Http.Json("""{"weight":5}"""));
        await Client.RegisterOkAsync("orders", "other-ns", ns: "elsewhere");
        await Client.DeleteAsync(BeaconRoutes.Instance("orders", "o-1"));

        var feed = await FeedAsync($"?since={since}");

        Assert.Equal([ChangeOp.Registered, ChangeOp.Updated, ChangeOp.Deregistered], feed.Changes.Select(c => c.Op));
        Assert.All(feed.Changes, c => Assert.Equal("o-1", c.Instance.Id));
        Assert.Equal(await CurrentRevisionAsync(), feed.Revision);
        Assert.False(feed.More);
    }

    [Fact]
    public async Task Changes_Limit_SetsMore()
    {
        var since = await CurrentRevisionAsync();
        for (var i = 0; i < 5; i++)
        {
            await Client.RegisterOkAsync("orders", $"o-{i}");
        }

        var first = await FeedAsync($"?since={since}&limit=2");
        Assert.Equal(2, first.Changes.Count);
        Assert.True(first.More);

        var rest = await FeedAsync($"?since={first.Revision}");
        Assert.Equal(3, rest.Changes.Count);
        Assert.False(rest.More);
    }

    [Fact]
    public async Task Changes_ForeignOrOldRevision_Is410()
    {
        await Client.RegisterOkAsync("orders", "o-1");
        using var response = await Client.GetAsync(BeaconRoutes.Changes + "?since=42");
        Assert.Equal(ProblemTypes.HistoryGone, (await response.ProblemAsync(410)).Type);
    }

    [Fact]
    public async Task Changes_Blocking_WakesOnChangeAndTimesOutWith304()
    {
        var since = await CurrentRevisionAsync();
        using var timedOut = await Client.GetAsync(BeaconRoutes.Changes + $"?since={since}&wait=100ms");
        Assert.Equal(HttpStatusCode.NotModified, timedOut.StatusCode);

        var poll = FeedAsync($"?since={since}&wait=60s");
        await Client.RegisterOkAsync("orders", "o-1");

        var feed = await poll.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("o-1", Assert.Single(feed.Changes).Instance.Id);
    }

    [Fact]
    public async Task Changes_MissingSince_Is400()
    {
        using var response = await Client.GetAsync(BeaconRoutes.Changes);
        Assert.Equal("since", (await response.ProblemAsync(400)).Field);
    }
}
