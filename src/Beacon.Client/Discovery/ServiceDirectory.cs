using System.Collections.Concurrent;
using Beacon.Client.Picking;
using Beacon.Client.Transport;
using Microsoft.Extensions.Logging;

namespace Beacon.Client.Discovery;

/// <summary>
/// Every service this client resolves: a cache each, filled first by one read, then kept fresh by
/// the client's single watch stream until the client is disposed. A resolution after the first is a
/// dictionary lookup and a volatile read.
/// </summary>
internal sealed class ServiceDirectory : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServiceFeed> _feeds = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> _tasks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly RegistryApi _api;
    private readonly DiskCache? _disk;
    private readonly PickPolicy _policy;
    private readonly BeaconClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WatchStream _stream;
    private readonly Task _streaming;

    public ServiceDirectory(
        RegistryApi api, DiskCache? disk, PickPolicy policy, BeaconClientOptions options, TimeProvider time, ILogger logger)
    {
        _api = api;
        _disk = disk;
        _policy = policy;
        _options = options;
        _time = time;
        _logger = logger;
        _stream = new WatchStream(api, service => _feeds.GetValueOrDefault(service), options, time, logger);
        _streaming = Task.Run(() => _stream.RunAsync(_stop.Token));
    }

    public ServiceCache GetOrWatch(string service) =>
        // The hit is the hot path; the miss lives in its own method so that its lambda's closure is
        // not allocated on every call (C# allocates it where the captured variable's scope begins).
        _feeds.TryGetValue(service, out var feed) ? feed.Cache : Watch(service);

    private ServiceCache Watch(string service)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        var created = new ServiceFeed(new ServiceCache(service), _api, _disk, _policy, _options, _time, _logger);
        var feed = _feeds.GetOrAdd(service, created);
        if (ReferenceEquals(feed, created))
        {
            _tasks.Add(Task.Run(() => StartAsync(created)));
        }

        return feed.Cache;
    }

    public ServiceCache? Find(string service) => _feeds.GetValueOrDefault(service)?.Cache;

    /// <summary>
    /// A first read answers the first caller at once; then the service joins the watch stream (which
    /// reopens with a snapshot of it), even if the read failed: the stream keeps retrying.
    /// </summary>
    private async Task StartAsync(ServiceFeed feed)
    {
        if (await feed.FetchAsync(initial: true, _stop.Token))
        {
            _stream.Add(feed.Service);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _streaming;
        await Task.WhenAll(_tasks);
        await Task.WhenAll(_feeds.Values.Select(f => f.Saved));
        _stream.Dispose();
        _stop.Dispose();
    }
}
