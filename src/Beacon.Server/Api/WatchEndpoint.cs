using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Beacon.Contracts;
using Beacon.Core.Changes;
using Beacon.Core.Registry;
using Beacon.Core.Validation;
using Beacon.Server.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Beacon.Server.Api;

/// <summary>
/// <c>GET /v1/watch?services=a,b</c>: a Server-Sent Events stream. First a <c>snapshot</c> event per
/// service (every instance, whatever its status), then a <c>change</c> event per change as it
/// happens, each with the change's revision as its SSE id, so a client that reconnects with
/// <c>Last-Event-ID</c> resumes without a gap. Comments keep idle streams open through proxies.
/// </summary>
internal static class WatchEndpoint
{
    private const int MaxServices = 256;
    private static readonly byte[] s_keepAlive = Encoding.UTF8.GetBytes(": keep-alive\n\n");

    public static void Map(RouteGroupBuilder v1) =>
        v1.MapGet("/watch", WatchAsync).RequireReadiness();

    private static async Task<IResult> WatchAsync(
        HttpContext context, ServiceRegistry registry, ServiceEncoder encoder, ChangeFrames frames,
        WatchKeepAlive keepAlive, BeaconMetrics metrics, IHostApplicationLifetime lifetime)
    {
        var request = context.Request;
        var @namespace = QueryParameters.Namespace(request);
        var services = ParseServices(QueryParameters.Value(request, "services"));
        // The stream ends when the client goes or the node stops (the client then reconnects elsewhere).
        var stopping = lifetime.ApplicationStopping;
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var aborted = ending.Token;
        var log = registry.Changes;

        using var streaming = metrics.TrackWatchStream(context);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";

        var since = long.TryParse(request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var resumeAt)
            ? resumeAt
            : await WriteSnapshotsAsync(response, registry, encoder, @namespace, services, aborted);
        await response.Body.FlushAsync(aborted);

        var changes = new List<Change>();
        var watched = services.ToHashSet(StringComparer.Ordinal);
        Func<Change, bool> isWatched = c => c.Instance.Namespace == @namespace && watched.Contains(c.Instance.Service);
        var seenTicks = keepAlive.Ticks;
        try
        {
            // The stopping token itself, not only the linked one: the keep-alive clock wakes streams from
            // a stopping callback that may run before the linked token has heard.
            while (!aborted.IsCancellationRequested && !stopping.IsCancellationRequested)
            {
                // One service: its own signal. Several: the change log's, which fires on any change
                // (the read below filters) — far cheaper than a WhenAny over every service's signal.
                var signal = services.Length == 1 && registry.FindService(@namespace, services[0]) is { } single
                    ? single.Changed.WaitAsync()
                    : log.Appended.WaitAsync();

                changes.Clear();
                if (!log.TryRead(since, 1000, isWatched, changes, out var position))
                {
                    // Fell behind the history: start over from full snapshots.
                    since = await WriteSnapshotsAsync(response, registry, encoder, @namespace, services, aborted);
                    await response.Body.FlushAsync(aborted);
                    continue;
                }

                since = position;
                if (changes.Count > 0)
                {
                    // Copied into the response pipe, then one flush (one send) for them all: with a
                    // thousand streams this loop runs a thousand times per change.
                    foreach (var change in changes)
                    {
                        response.BodyWriter.Write(frames.Of(change));
                    }

                    await response.BodyWriter.FlushAsync(aborted);
                }

                if (keepAlive.Ticks is var ticks && ticks != seenTicks)
                {
                    seenTicks = ticks;
                    response.BodyWriter.Write(s_keepAlive);
                    await response.BodyWriter.FlushAsync(aborted);
                }

                if (position < log.Revision)
                {
                    continue;
                }

                // Woken by a change, the keep-alive clock or the node stopping (see WatchKeepAlive). The
                // signal was taken before this check, so a stop that comes after it still wakes us.
                if (stopping.IsCancellationRequested)
                {
                    break;
                }

                await signal;
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client closed the stream.
        }

        return Results.Empty;
    }

    private static string[] ParseServices(string value)
    {
        var services = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (services.Length == 0)
        {
            throw new InvalidArgumentException("services", "'services' must name at least one service, e.g. ?services=orders,payments.");
        }

        if (services.Length > MaxServices)
        {
            throw new InvalidArgumentException("services", $"One watch may name at most {MaxServices} services; got {services.Length}.");
        }

        foreach (var service in services)
        {
            Names.CheckService(service, "services");
        }

        return services;
    }

    /// <summary>Writes a snapshot event per service; returns the revision the stream continues from.</summary>
    private static async Task<long> WriteSnapshotsAsync(
        HttpResponse response, ServiceRegistry registry, ServiceEncoder encoder,
        string @namespace, string[] services, CancellationToken aborted)
    {
        // Read the revision first: a change racing with the snapshots is then sent again as a change
        // event (harmless, clients apply it idempotently) instead of being missed.
        var since = registry.Changes.Revision;
        foreach (var service in services)
        {
            var snapshot = registry.FindService(@namespace, service)?.Snapshot;
            var data = snapshot is not null
                ? encoder.Encode(snapshot, StatusFilter.All, healthy: null, zone: null)
                : WireBytes.Of(
                    new ServiceInstances { Namespace = @namespace, Service = service, Revision = 0, Instances = [] },
                    BeaconJsonContext.Default.ServiceInstances);
            await WriteEventAsync(response, "snapshot", since, data, aborted);
        }

        return since;
    }

    private static async Task WriteEventAsync(HttpResponse response, string type, long id, byte[] json, CancellationToken aborted) =>
        await response.Body.WriteAsync(Frame(type, id, json), aborted);

    /// <summary>One SSE event: <c>event: type</c>, <c>id: revision</c>, <c>data: json</c>, blank line.</summary>
    internal static byte[] Frame(string type, long id, byte[] json)
    {
        var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"event: {type}\nid: {id}\ndata: "));
        var frame = new byte[header.Length + json.Length + 2];
        header.CopyTo(frame, 0);
        json.CopyTo(frame, header.Length);
        frame[^2] = (byte)'\n';
        frame[^1] = (byte)'\n';
        return frame;
    }
}
