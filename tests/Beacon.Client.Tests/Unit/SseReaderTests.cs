using System.Text;
using Beacon.Client.Discovery;

namespace Beacon.Client.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class SseReaderTests
{
    private const string Stream =
        ": a comment\n" +
        "event: snapshot\nid: 7\ndata: {\"a\":1}\n\n" +
        "event: change\r\nid: 8\r\ndata: first\r\ndata:second\r\n\r\n" +
        "data: no type, no id\n\n" +
        "id: 9\nretry: 100\n\n" +  // no data: not an event, but the id is kept
        "event: other\ndata: x\n\n";

    private static readonly (string Type, string? Id, string Data)[] Expected =
    [
        ("snapshot", "7", "{\"a\":1}"),
        ("change", "8", "first\nsecond"),
        ("message", "8", "no type, no id"),
        ("other", "9", "x"),
    ];

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(5)]
    public async Task ReadAsync_AnyChunking_SameEvents(int chunk)
    {
        using var reader = new SseReader(new ChunkedStream(Encoding.UTF8.GetBytes(Stream), chunk), TimeSpan.FromSeconds(30), default);

        var events = await ReadAllAsync(reader);

        Assert.Equal(Expected, events);
    }

    [Fact]
    public async Task ReadAsync_EventLargerThanTheBuffer_ArrivesWhole()
    {
        var data = new string('x', 200_000);
        var bytes = Encoding.UTF8.GetBytes($"event: snapshot\ndata: {data}\n\n");
        using var reader = new SseReader(new ChunkedStream(bytes, 4096), TimeSpan.FromSeconds(30), default);

        var events = await ReadAllAsync(reader);

        Assert.Equal([("snapshot", null, data)], events);
    }

    [Fact]
    public async Task ReadAsync_SilentStream_TimesOut()
    {
        using var reader = new SseReader(new SilentStream(), TimeSpan.FromMilliseconds(100), default);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => reader.ReadAsync().AsTask());

        Assert.Contains("silent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_CancelledByCaller_IsCancellationNotTimeout()
    {
        using var cancel = new CancellationTokenSource();
        using var reader = new SseReader(new SilentStream(), TimeSpan.FromSeconds(30), cancel.Token);
        var read = reader.ReadAsync().AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    private static async Task<List<(string Type, string? Id, string Data)>> ReadAllAsync(SseReader reader)
    {
        var events = new List<(string, string?, string)>();
        while (await reader.ReadAsync() is { } e)
        {
            // The data is only valid until the next read: copy it out now.
            events.Add((e.Type, e.Id, Encoding.UTF8.GetString(e.Data.Span)));
        }

        return events;
    }

    /// <summary>Hands out its bytes at most <c>chunk</c> at a time, as a network stream may.</summary>
    private sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }

    /// <summary>A connection that stays open and sends nothing.</summary>
    private sealed class SilentStream : MemoryStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }
}
