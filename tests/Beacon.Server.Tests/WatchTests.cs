using System.Text.Json;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Server.Tests;

[Trait("Category", "Integration")]
public sealed class WatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private BeaconTestNode _node = null!;

    private HttpClient Client => _node.Client;

    public async Task InitializeAsync() =>
        _node = await BeaconTestNode.StartAsync(new Dictionary<string, string?> { ["Beacon:Api:WatchKeepAlive"] = "00:00:00.200" });

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private async Task<(HttpResponseMessage Response, SseReader Reader)> OpenAsync(string query, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, BeaconRoutes.Watch + query);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return (response, new SseReader(await response.Content.ReadAsStreamAsync()));
    }

    [Fact]
    public async Task Watch_SendsSnapshotsThenEachChange()
    {
        await Client.RegisterOkAsync("orders", "o-1", """{"addresses":["http://a:1"],"status":"STARTING"}""");
        var (response, sse) = await OpenAsync("?services=orders,payments");
        using var _ = response;

        var first = await sse.NextAsync(Timeout);
        var second = await sse.NextAsync(Timeout);
        Assert.Equal(("snapshot", "snapshot"), (first.Event, second.Event));
        var orders = JsonSerializer.Deserialize(first.Data, BeaconJsonContext.Default.ServiceInstances)!;
        Assert.Equal("o-1", Assert.Single(orders.Instances).Id); // every status, not only UP
        Assert.Empty(JsonSerializer.Deserialize(second.Data, BeaconJsonContext.Default.ServiceInstances)!.Instances);

        await Client.RegisterOkAsync("payments", "p-1");
        await Client.RegisterOkAsync("ignored", "x");
        await Client.DeleteAsync(BeaconRoutes.Instance("orders", "o-1"));

        var added = await sse.NextAsync(Timeout);
        var removed = await sse.NextAsync(Timeout);
        var a = JsonSerializer.Deserialize(added.Data, BeaconJsonContext.Default.ChangeInfo)!;
        var r = JsonSerializer.Deserialize(removed.Data, BeaconJsonContext.Default.ChangeInfo)!;
        Assert.Equal((ChangeOp.Registered, "p-1"), (a.Op, a.Instance.Id));
        Assert.Equal((ChangeOp.Deregistered, "o-1"), (r.Op, r.Instance.Id));
        Assert.Equal(a.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), added.Id);
    }

    [Fact]
    public async Task Watch_Idle_SendsKeepAliveComments()
    {
        var (response, sse) = await OpenAsync("?services=orders");
        using var _ = response;
        await sse.NextAsync(Timeout); // snapshot

        var pending = sse.NextAsync(Timeout);
        await Eventually.TrueAsync(() => sse.Comments >= 2, "two keep-alive comments");
        await Client.RegisterOkAsync("orders", "o-1");
        Assert.Equal("change", (await pending).Event);
    }

    [Fact]
    public async Task Watch_ClientGoes_StreamEndsByTheNextKeepAlive()
    {
        var (response, sse) = await OpenAsync("?services=orders");
        await sse.NextAsync(Timeout); // snapshot: the stream is open
        await Eventually.TrueAsync(async () => (await Metrics.PrometheusText.ScrapeAsync(Client)).Value("beacon_api_watch_streams") == 1,
            "the stream is counted");

        response.Dispose();

        // Streams wait for changes without a timer of their own; the node-wide keep-alive tick (200 ms
        // here) wakes them, and one whose client left ends, with no change needed.
        await Eventually.TrueAsync(async () => (await Metrics.PrometheusText.ScrapeAsync(Client)).Value("beacon_api_watch_streams") == 0,
            "the stream of the client that left has ended");
    }

    [Fact]
    public async Task Watch_ResumeWithLastEventId_SkipsSnapshotAndMissesNothing()
    {
        var (response, sse) = await OpenAsync("?services=orders");
        var snapshot = await sse.NextAsync(Timeout);
        response.Dispose();

        await Client.RegisterOkAsync("orders", "while-away");

        var (resumed, sse2) = await OpenAsync("?services=orders", snapshot.Id);
        using var _ = resumed;
        var next = await sse2.NextAsync(Timeout);
        Assert.Equal("change", next.Event);
        Assert.Equal("while-away", JsonSerializer.Deserialize(next.Data, BeaconJsonContext.Default.ChangeInfo)!.Instance.Id);
    }

    [Fact]
    public async Task Watch_NoServices_Is400()
    {
        using var response = await Client.GetAsync(BeaconRoutes.Watch);
        Assert.Equal("services", (await response.ProblemAsync(400)).Field);
    }
}
