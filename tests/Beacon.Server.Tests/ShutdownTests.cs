using System.Net;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Server.Tests;

/// <summary>Waiting clients must not hold up a node's shutdown: they are answered and told to go elsewhere.</summary>
[Trait("Category", "Integration")]
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stop_EndsLongPollsAndWatchStreams()
    {
        var node = await BeaconTestNode.StartAsync();
        using var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var registered = await node.Client.RegisterOkAsync("orders", "o-1");
        var poll = client.GetAsync(BeaconRoutes.Service("orders") + $"?index={registered.Revision}&wait=5m");
        using var stream = await client.GetAsync(BeaconRoutes.Watch + "?services=orders", HttpCompletionOption.ResponseHeadersRead);
        var reader = new SseReader(await stream.Content.ReadAsStreamAsync());
        await reader.NextAsync(TimeSpan.FromSeconds(10)); // the snapshot: the stream is open

        var stopping = node.DisposeAsync().AsTask();

        using var answer = await poll.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.NotModified, answer.StatusCode);
        await Assert.ThrowsAsync<EndOfStreamException>(() => reader.NextAsync(TimeSpan.FromSeconds(20)));
        await stopping.WaitAsync(TimeSpan.FromSeconds(20)); // the host's own timeout would be 30 s
    }
}
