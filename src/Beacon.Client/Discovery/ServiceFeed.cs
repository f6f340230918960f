using Beacon.Client.Picking;
using Beacon.Client.Transport;
using Beacon.Contracts;
using Microsoft.Extensions.Logging;

namespace Beacon.Client.Discovery;

/// <summary>
/// Everything that updates one service's <see cref="ServiceCache"/>: a full list (a read, or a
/// snapshot on the watch stream), a change event, "unknown service", or "no node answers".
/// <para>
/// Two rules protect callers from a registry that answers badly: when no node answers, the last known
/// list (in memory, else the disk copy) keeps being served; and "I do not know this service" never
/// replaces a non-empty list (a restarted node answers that until its instances register again: the
/// Nacos empty-push failure). A list that became empty through deregistration or eviction is a real
/// answer (a revision, or change events) and is applied.
/// </para>
/// </summary>
internal sealed class ServiceFeed(
    ServiceCache cache, RegistryApi api, DiskCache? disk, PickPolicy policy,
    BeaconClientOptions options, TimeProvider time, ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly string _namespace = options.Namespace;
    private bool _servingLastKnown;
    private bool _keptOnEmpty;

    /// <summary>True while the cached list is exactly a node's state, so change events can be applied to it.</summary>
    private bool _coherent;

    /// <summary>Set once the watch stream delivered a snapshot: a slower first read must not overwrite it.</summary>
    private bool _streamed;

    private ServiceInstances? _unsaved;
    private bool _saving;
    private Task _save = Task.CompletedTask;

    public ServiceCache Cache => cache;

    public string Service => cache.Service;

    /// <summary>Completes when the latest version is on disk (the client waits for it when disposed).</summary>
    public Task Saved
    {
        get
        {
            lock (_lock)
            {
                return _save;
            }
        }
    }

    /// <summary>
    /// One read (one round over the nodes); false when the service can never be watched. The
    /// <paramref name="initial"/> read yields to a snapshot the watch stream delivered meanwhile.
    /// </summary>
    public async Task<bool> FetchAsync(bool initial, CancellationToken stop)
    {
        try
        {
            var result = await api.GetServiceAsync(_namespace, cache.Service, stop);
            if (result.Outcome == ReadOutcome.NotFound)
            {
                ApplyNotFound(result.Node);
            }
            else if (!(initial && _streamed))
            {
                ApplyFull(result.Service!);
            }

            return true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return true;
        }
        catch (BeaconInvalidArgumentException e)
        {
            // An invalid name never becomes valid: tell every caller why, and do not watch it.
            Log.WatchStopped(logger, cache.Service, e.Message);
            cache.FailWaiters(e, permanent: true);
            return false;
        }
        catch (BeaconUnavailableException e)
        {
            ServeLastKnown(e);
            return true;
        }
        catch (Exception e) when (e is BeaconException or System.Text.Json.JsonException or HttpRequestException)
        {
            Log.WatchFailed(logger, cache.Service, e);
            cache.FailWaiters(e);
            return true;
        }
    }

    /// <summary>A snapshot event of the watch stream.</summary>
    public void ApplySnapshot(ServiceInstances service, Uri node)
    {
        _streamed = true;
        // The stream's snapshot of a service the node does not know: revision 0, no instances.
        if (service.Revision == 0 && service.Instances.Count == 0)
        {
            ApplyNotFound(node);
        }
        else
        {
            ApplyFull(service);
        }
    }

    /// <summary>A change event; false when the cached list is not the node's state (a refetch is needed).</summary>
    public bool TryApplyChange(ChangeInfo change)
    {
        lock (_lock)
        {
            var current = cache.Current;
            if (current is null || !_coherent)
            {
                return false;
            }

            var instances = InstanceList.Apply(current.OrderedInstances, change);
            Publish(new ServiceInstances { Namespace = _namespace, Service = cache.Service, Revision = change.Revision, Instances = instances }, ordered: true);
            return true;
        }
    }

    /// <summary>No node answered: keep serving what is known, from memory or else from disk, and say so.</summary>
    public void ServeLastKnown(BeaconUnavailableException error)
    {
        lock (_lock)
        {
            var current = cache.Current;
            if (current is null && LoadDisk() is { } saved)
            {
                // Logged before it is served, so the log line comes no later than the first caller served.
                Log.ServingDiskCache(logger, cache.Service, saved.Service.Instances.Count, saved.SavedAt);
                _servingLastKnown = true;
                _coherent = false;
                cache.Publish(new ServiceView(saved.Service, ServiceViewSource.DiskCache, saved.SavedAt, policy, previous: null));
                return;
            }

            if (current is null)
            {
                cache.FailWaiters(error);
                return;
            }

            if (!_servingLastKnown)
            {
                Log.ServingLastKnown(logger, cache.Service, current.Instances.Count);
                _servingLastKnown = true;
            }
        }
    }

    private void ApplyFull(ServiceInstances service)
    {
        lock (_lock)
        {
            if (_servingLastKnown)
            {
                Log.RegistryBack(logger, cache.Service, service.Instances.Count);
                _servingLastKnown = false;
            }

            _keptOnEmpty = false;
            var current = cache.Current;
            var unchanged = _coherent && current is { Source: ServiceViewSource.Registry } && service.Revision != 0 &&
                current.Revision == service.Revision;
            _coherent = true;
            if (!unchanged)
            {
                // The same revision again (a reopened stream's snapshot) is not a new version: callers'
                // change tokens must not fire for nothing.
                Publish(service);
            }
        }
    }

    private void ApplyNotFound(Uri node)
    {
        lock (_lock)
        {
            _servingLastKnown = false;
            var current = cache.Current;
            if (current is null && LoadDisk() is { Service.Instances.Count: > 0 } saved)
            {
                Log.KeptOnEmptyAnswer(logger, node, cache.Service, saved.Service.Instances.Count);
                _keptOnEmpty = true;
                _coherent = false;
                cache.Publish(new ServiceView(saved.Service, ServiceViewSource.DiskCache, saved.SavedAt, policy, previous: null));
                return;
            }

            if (current is { Instances.Count: > 0 })
            {
                if (!_keptOnEmpty)
                {
                    Log.KeptOnEmptyAnswer(logger, node, cache.Service, current.Instances.Count);
                    _keptOnEmpty = true;
                }

                // The list kept is not this node's state: the next change means "read it in full".
                _coherent = false;
                return;
            }

            // Known to be absent: an empty version (revision 0), coherent with the node's "nothing".
            _coherent = true;
            var empty = new ServiceInstances { Namespace = _namespace, Service = cache.Service, Revision = 0, Instances = [] };
            cache.Publish(new ServiceView(empty, ServiceViewSource.Registry, time.GetUtcNow(), policy, cache.Current));
        }
    }

    /// <summary>Swaps the new version in, then saves it to disk in the background (latest wins).</summary>
    private void Publish(ServiceInstances service, bool ordered = false)
    {
        cache.Publish(new ServiceView(service, ServiceViewSource.Registry, time.GetUtcNow(), policy, cache.Current, ordered));
        if (disk is null)
        {
            return;
        }

        _unsaved = service;
        if (!_saving)
        {
            _saving = true;
            _save = Task.Run(SaveLoopAsync);
        }
    }

    private async Task SaveLoopAsync()
    {
        while (true)
        {
            ServiceInstances? next;
            lock (_lock)
            {
                next = _unsaved;
                _unsaved = null;
                if (next is null)
                {
                    _saving = false;
                    return;
                }
            }

            try
            {
                await disk!.SaveAsync(next, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.DiskCacheWriteFailed(logger, cache.Service, e);
            }
        }
    }

    private (ServiceInstances Service, DateTimeOffset SavedAt)? LoadDisk()
    {
        try
        {
            return disk?.TryLoad(_namespace, cache.Service);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            Log.DiskCacheReadFailed(logger, cache.Service, e);
            return null;
        }
    }
}
