using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using Beacon.LoadGen.Http;

namespace Beacon.LoadGen.Scenarios.Wakeup;

/// <summary>
/// One long-polling client: asks for its service with <c>?index=REV&amp;wait=60s</c>, and on each
/// answer reports the time, takes the new revision and asks again, as an SDK's watcher does.
/// </summary>
public sealed class Waiter(RawHttpConnection connection, int service, long index, string host)
{
    private readonly byte[] _request = new byte[256];
    private long _index = index;

    public int Service => service;

    /// <summary>Polls until cancelled. <paramref name="pending"/> counts the polls sent and not yet answered.</summary>
    public async Task RunAsync(WakeupRound round, StrongBox<int> pending, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                if (!Utf8.TryWrite(_request,
                        $"GET /v1/services/svc{service}?index={_index}&wait=60s HTTP/1.1\r\nHost: {host}\r\n\r\n",
                        out var length))
                {
                    throw new InvalidOperationException("The poll request does not fit.");
                }

                Interlocked.Increment(ref pending.Value);
                var result = await connection.SendAsync(_request.AsMemory(0, length), cancellationToken);
                var answeredAt = Stopwatch.GetTimestamp();
                Interlocked.Decrement(ref pending.Value);
                if (result.Status == 200)
                {
                    round.Woken(service, answeredAt);
                    _index = result.Revision;
                }
                else if (result.Status != 304)
                {
                    throw new InvalidOperationException($"A long poll answered {result.Status}.");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}
