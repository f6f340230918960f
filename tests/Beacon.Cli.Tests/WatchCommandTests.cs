using System.Text.Json;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Cli.Tests;

/// <summary>beacon watch follows the SSE stream live until cancelled.</summary>
[Trait("Category", "Integration")]
public sealed class WatchCommandTests : IAsyncLifetime
{
    private BeaconTestNode _node = null!;

    public async Task InitializeAsync() => _node = await BeaconTestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Watch_Table_PrintsSnapshotThenEachChangeUntilCancelled()
    {
        await _node.Client.RegisterOkAsync("orders", "o-1");
        using var stop = new CancellationTokenSource();
        var (exit, output, _) = Cli.Start(_node.BaseAddress, stop.Token, "watch", "orders");
        await Eventually.TrueAsync(() => output.ToString().Contains("snapshot", StringComparison.Ordinal), "the snapshot is printed");

        await _node.Client.RegisterOkAsync("orders", "o-2");
        await Cli.RunAsync(_node.BaseAddress, "set-status", "orders", "o-1", "OUT_OF_SERVICE");
        await Eventually.TrueAsync(() => output.ToString().Contains("updated", StringComparison.Ordinal), "the update is printed");
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Ok, await exit.WaitAsync(TimeSpan.FromSeconds(10)));
        var lines = ReadCommandTests.Lines(output.ToString());
        Assert.Contains(lines, l => l.Contains("orders: 1 instances, 1 up", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("registered", StringComparison.Ordinal) && l.Contains("orders/o-2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("updated", StringComparison.Ordinal) && l.Contains("OUT_OF_SERVICE (operator)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watch_Json_PrintsOneEventPerLine()
    {
        using var stop = new CancellationTokenSource();
        var (exit, output, _) = Cli.Start(_node.BaseAddress, stop.Token, "watch", "orders", "payments", "--json");
        await Eventually.TrueAsync(() => ReadCommandTests.Lines(output.ToString()).Length == 2, "two snapshots are printed");

        await _node.Client.RegisterOkAsync("payments", "p-1");
        await Eventually.TrueAsync(() => ReadCommandTests.Lines(output.ToString()).Length == 3, "the change is printed");
        await stop.CancelAsync();
        await exit.WaitAsync(TimeSpan.FromSeconds(10));

        var events = ReadCommandTests.Lines(output.ToString()).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(["snapshot", "snapshot", "change"], events.Select(e => e.GetProperty("event").GetString()));
        var change = events[2].GetProperty("data").Deserialize(BeaconJsonContext.Default.ChangeInfo)!;
        Assert.Equal((ChangeOp.Registered, "p-1"), (change.Op, change.Instance.Id));
        Assert.Equal(change.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), events[2].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Watch_StreamEnds_ReconnectsWithLastEventId()
    {
        using var handler = new EndingStreamHandler();
        var (output, error) = (new CapturedWriter(), new CapturedWriter());
        using var stop = new CancellationTokenSource();
        var exit = Task.Run(() => BeaconCli.RunAsync(["watch", "orders", "--json"], Cli.Environment(output, error, handler: handler), stop.Token));

        await Eventually.TrueAsync(() => handler.LastEventIds.Count >= 2, "the tool reconnects after the stream ends");
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Ok, await exit.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("reconnecting", error.ToString(), StringComparison.Ordinal);
        Assert.Equal([null, "42"], handler.LastEventIds.Take(2));
    }

    /// <summary>Serves one snapshot event with id 42 and ends the stream, as a node that goes away would.</summary>
    private sealed class EndingStreamHandler : HttpMessageHandler
    {
        public System.Collections.Concurrent.ConcurrentQueue<string?> LastEventIds { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastEventIds.Enqueue(request.Headers.TryGetValues("Last-Event-ID", out var ids) ? ids.Single() : null);
            var body = "event: snapshot\nid: 42\ndata: {\"namespace\":\"default\",\"service\":\"orders\",\"revision\":0,\"instances\":[]}\n\n";
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "text/event-stream"),
            });
        }
    }
}
