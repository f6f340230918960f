using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Server.Tests;

[Trait("Category", "Integration")]
public sealed class LongPollTests : IAsyncLifetime
{
    private BeaconTestNode _node = null!;

    private HttpClient Client => _node.Client;

    public async Task InitializeAsync() => _node = await BeaconTestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Blocking_IndexAlreadyDiffers_AnswersAtOnce()
    {
        var registered = await Client.RegisterOkAsync("orders", "o-1");

        var watch = Stopwatch.StartNew();
        var body = await Client.GetServiceAsync("orders", "?index=1&wait=60s");

        Assert.Equal(registered.Revision, body.Revision);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Blocking_WakesOnChange()
    {
        var registered = await Client.RegisterOkAsync("orders", "o-1");
        var poll = Client.GetAsync(BeaconRoutes.Service("orders") + $"?index={registered.Revision}&wait=60s");
        await Task.Delay(50); // give the poll a head start; correctness does not depend on it
        Assert.False(poll.IsCompleted);

        var second = await Client.RegisterOkAsync("orders", "o-2");

        using var response = await poll.WaitAsync(TimeSpan.FromSeconds(20));
        var body = (await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.ServiceInstances))!;
        Assert.Equal(second.Revision, body.Revision);
        Assert.Equal(2, body.Instances.Count);
    }

    [Fact]
    public async Task Blocking_Timeout_Answers304WithTheSameRevision()
    {
        var registered = await Client.RegisterOkAsync("orders", "o-1");

        using var response = await Client.GetAsync(BeaconRoutes.Service("orders") + $"?index={registered.Revision}&wait=200ms");

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(registered.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            response.Headers.GetValues(BeaconHeaders.Revision).Single());
    }

    [Fact]
    public async Task Blocking_ForeignRevision_AnswersAtOnceWithFullData()
    {
        await Client.RegisterOkAsync("orders", "o-1");
        var body = await Client.GetServiceAsync("orders", "?index=123456&wait=60s");
        Assert.Single(body.Instances);
    }

    [Fact]
    public async Task Blocking_ServiceThatDoesNotExistYet_WakesWhenItIsRegistered()
    {
        var poll = Client.GetAsync(BeaconRoutes.Service("later") + "?index=0&wait=60s");
        await Client.RegisterOkAsync("unrelated", "x");
        await Task.Delay(50);
        Assert.False(poll.IsCompleted);

        await Client.RegisterOkAsync("later", "l-1");

        using var response = await poll.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Blocking_ManyWaiters_AllWake()
    {
        var registered = await Client.RegisterOkAsync("orders", "o-1");
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 200 }) { BaseAddress = _node.BaseAddress };
        var polls = Enumerable.Range(0, 100)
            .Select(_ => client.GetAsync(BeaconRoutes.Service("orders") + $"?index={registered.Revision}&wait=60s"))
            .ToArray();

        await Client.RegisterOkAsync("orders", "o-2");

        var responses = await Task.WhenAll(polls).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Theory]
    [InlineData("?index=abc", "index")]
    [InlineData("?index=-5", "index")]
    [InlineData("?index=1&wait=soon", "wait")]
    [InlineData("?index=1&wait=5parsecs", "wait")]
    public async Task Blocking_BadParameters_Are400(string query, string field)
    {
        using var response = await Client.GetAsync(BeaconRoutes.Service("orders") + query);
        Assert.Equal(field, (await response.ProblemAsync(400)).Field);
    }
}
