using System.Text.Json;
using Beacon.Client.Json;
using Beacon.Client.Transport;
using Beacon.Contracts;
using Microsoft.Extensions.Logging;

namespace Beacon.Client.Discovery;

/// <summary>
/// One Server-Sent Events stream per client for every watched service (<c>GET /v1/watch</c>): a
/// snapshot per service when it opens, then one small event per change. A change reaches a client
/// as one event on a connection that is already open, instead of a new request and a full list per
/// service as long polling costs; with a thousand watchers that is several times less work for the
/// node and the clients alike.
/// <para>
/// The stream is reopened (with fresh snapshots) when the set of services grows. When it breaks, it
/// reopens on the same node with <c>Last-Event-ID</c> (no snapshots, no gap), or on the next node
/// without it: event ids are a node's own revisions and mean nothing to another node.
/// </para>
/// </summary>
internal sealed class WatchStream(
    RegistryApi api, Func<string, ServiceFeed?> find, BeaconClientOptions options, TimeProvider time, ILogger logger) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly SortedSet<string> _services = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _added = new(0);
    private CancellationTokenSource? _current;

    /// <summary>Adds a service; the stream reopens to include it.</summary>
    public void Add(string service)
    {
        lock (_lock)
        {
            if (!_services.Add(service))
            {
                return;
            }

            try
            {
                _current?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // That attempt just ended; the next one reads the new set anyway.
            }
        }

        _added.Release();
    }

    public async Task RunAsync(CancellationToken stop)
    {
        string? lastEventId = null;
        Uri? lastNode = null;
        string? lastSet = null;
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            string[] services;
            CancellationTokenSource attempt;
            lock (_lock)
            {
                services = [.. _services];
                attempt = CancellationTokenSource.CreateLinkedTokenSource(stop);
                _current = attempt;
            }

            using (attempt)
            {
                if (services.Length == 0)
                {
                    await WaitAsync(() => _added.WaitAsync(attempt.Token));
                    continue;
                }

                var set = string.Join(',', services);
                Uri? node = null;
                try
                {
                    var resume = set == lastSet ? lastEventId : null;
                    var (response, answered) = await api.OpenWatchAsync(options.Namespace, services, resume, lastNode, attempt.Token);
                    node = answered;
                    lastNode = answered;
                    lastSet = set;
                    failures = 0;
                    using (response)
                    {
                        var stream = await response.Content.ReadAsStreamAsync(attempt.Token);
                        using var reader = new SseReader(stream, options.WatchIdleTimeout, attempt.Token);
                        while (await reader.ReadAsync() is { } e)
                        {
                            lastEventId = e.Id ?? lastEventId;
                            await DispatchAsync(e, answered, attempt.Token);
                        }
                    }

                    // The node closed the stream (it is shutting down): prefer another one.
                    api.Transport.StreamFailed(answered, "watching", "the node closed the stream");
                }
                catch (OperationCanceledException) when (attempt.IsCancellationRequested)
                {
                    // A service was added (reopen with it) or the client is being disposed.
                    continue;
                }
                catch (BeaconUnavailableException e)
                {
                    failures++;
                    foreach (var service in services)
                    {
                        find(service)?.ServeLastKnown(e);
                    }
                }
                catch (Exception e) when (e is IOException or HttpRequestException or TimeoutException or JsonException or BeaconException)
                {
                    failures++;
                    Log.WatchStreamBroken(logger, node, e.Message);
                    if (node is not null)
                    {
                        api.Transport.StreamFailed(node, "watching", e.Message);
                    }
                }

                if (failures > 0 && !await WaitAsync(() => Task.Delay(api.Transport.Nodes.Backoff(failures), time, attempt.Token)))
                {
                    continue;
                }
            }
        }
    }

    private async Task DispatchAsync(ServerSentEvent e, Uri node, CancellationToken cancellationToken)
    {
        switch (e.Type)
        {
            case "snapshot":
                var snapshot = JsonSerializer.Deserialize(e.Data.Span, ClientJson.ServiceInstances);
                if (snapshot is not null)
                {
                    find(snapshot.Service)?.ApplySnapshot(snapshot, node);
                }

                break;
            case "change":
                var change = JsonSerializer.Deserialize(e.Data.Span, ClientJson.ChangeInfo);
                if (change is not null && find(change.Service) is { } feed && !feed.TryApplyChange(change))
                {
                    // The cached list is not this node's state (kept over an "unknown service", or a disk
                    // copy): read it in full rather than apply a delta to it.
                    await feed.FetchAsync(initial: false, cancellationToken);
                }

                break;
        }
    }

    public void Dispose() => _added.Dispose();

    /// <summary>Awaits a wait that ends by cancellation when the stream must reopen; false then.</summary>
    private static async Task<bool> WaitAsync(Func<Task> wait)
    {
        try
        {
            await wait();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
