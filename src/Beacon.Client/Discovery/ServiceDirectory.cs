using System.Collections.Concurrent;
using Beacon.Client.Picking;
using Beacon.Client.Transport;
using Microsoft.Extensions.Logging;

namespace Beacon.Client.Discovery;

/// <summary>
/// Every service this client resolves: a cache each, kept fresh by its own watcher from the first
/// resolution until the client is disposed. A resolution after the first is a dictionary lookup and
/// a volatile read.
/// </summary>
internal sealed class ServiceDirectory(
    RegistryApi api, DiskCache? disk, PickPolicy policy, BeaconClientOptions options, TimeProvider time, ILogger logger)
    : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServiceCache> _caches = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> _watchers = [];
    private readonly CancellationTokenSource _stop = new();

    public PickPolicy Policy => policy;

    public ServiceCache GetOrWatch(string service)
    {
        if (_caches.TryGetValue(service, out var cache))
        {
            return cache;
        }

        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        var created = new ServiceCache(service);
        cache = _caches.GetOrAdd(service, created);
        if (ReferenceEquals(cache, created))
        {
            var watcher = new ServiceWatcher(created, api, disk, policy, options, time, logger);
            _watchers.Add(Task.Run(() => watcher.RunAsync(_stop.Token)));
        }

        return cache;
    }

    public ServiceCache? Find(string service) => _caches.GetValueOrDefault(service);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_watchers);
        _stop.Dispose();
    }
}
