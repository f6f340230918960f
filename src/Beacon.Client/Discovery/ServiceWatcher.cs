using Beacon.Client.Picking;
using Beacon.Client.Transport;
using Beacon.Contracts;
using Microsoft.Extensions.Logging;

namespace Beacon.Client.Discovery;

/// <summary>
/// Keeps one <see cref="ServiceCache"/> fresh with a long poll: read the service, remember its
/// revision, ask again with <c>?index=</c>; the registry answers when the revision moves (or with 304
/// after <see cref="BeaconClientOptions.WatchWait"/>). Failing over is safe because a revision from
/// another node is answered at once with the full list.
/// <para>
/// Two rules protect callers from a registry that answers badly: when no node answers, the last known
/// list (in memory, else the disk copy) keeps being served; and "I do not know this service" never
/// replaces a non-empty list (a restarted node answers that until its instances register again: the
/// Nacos empty-push failure). A list that became empty through deregistration or eviction is a real
/// answer (200 with a revision) and is applied.
/// </para>
/// </summary>
internal sealed class ServiceWatcher(
    ServiceCache cache, RegistryApi api, DiskCache? disk, PickPolicy policy,
    BeaconClientOptions options, TimeProvider time, ILogger logger)
{
    private readonly string _namespace = options.Namespace;
    private bool _servingLastKnown;
    private bool _keptOnEmpty;

    public async Task RunAsync(CancellationToken stop)
    {
        long? index = null;
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            PollResult result;
            try
            {
                result = await api.GetServiceAsync(_namespace, cache.Service, index, options.WatchWait, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (BeaconInvalidArgumentException e)
            {
                // An invalid name never becomes valid: stop and tell every caller why.
                Log.WatchStopped(logger, cache.Service, e.Message);
                cache.FailWaiters(e, permanent: true);
                return;
            }
            catch (Exception e)
            {
                failures++;
                if (e is BeaconUnavailableException unavailable)
                {
                    ServeLastKnown(unavailable);
                }
                else
                {
                    Log.WatchFailed(logger, cache.Service, e);
                    cache.FailWaiters(e);
                }

                if (!await DelayAsync(api.Transport.Nodes.Backoff(failures), stop))
                {
                    return;
                }

                continue;
            }

            failures = 0;
            switch (result.Outcome)
            {
                case PollOutcome.Changed:
                    await ApplyAsync(result.Service!);
                    index = result.Service!.Revision;
                    break;
                case PollOutcome.NotFound:
                    ApplyNotFound(result.Node);
                    // Revision 0 is the revision of a service that does not exist: wait for it to appear.
                    index = 0;
                    break;
                case PollOutcome.NotModified:
                    break;
            }
        }
    }

    private async Task ApplyAsync(ServiceInstances service)
    {
        if (_servingLastKnown)
        {
            Log.RegistryBack(logger, cache.Service, service.Instances.Count);
            _servingLastKnown = false;
        }

        _keptOnEmpty = false;
        cache.Publish(new ServiceView(service, ServiceViewSource.Registry, time.GetUtcNow(), policy, cache.Current));
        if (disk is null)
        {
            return;
        }

        try
        {
            // Not cancelled by dispose: a small file is better finished than abandoned half-way.
            await disk.SaveAsync(service, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.DiskCacheWriteFailed(logger, cache.Service, e);
        }
    }

    private void ApplyNotFound(Uri node)
    {
        var current = cache.Current;
        if (current is null && LoadDisk() is { Service.Instances.Count: > 0 } saved)
        {
            Log.KeptOnEmptyAnswer(logger, node, cache.Service, saved.Service.Instances.Count);
            _keptOnEmpty = true;
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

            return;
        }

        if (current is null)
        {
            // Known to be absent: an empty version, so callers stop waiting and watchers can wait on it.
            var empty = new ServiceInstances { Namespace = _namespace, Service = cache.Service, Revision = 0, Instances = [] };
            cache.Publish(new ServiceView(empty, ServiceViewSource.Registry, time.GetUtcNow(), policy, previous: null));
        }
    }

    private void ServeLastKnown(BeaconUnavailableException error)
    {
        var current = cache.Current;
        if (current is null && LoadDisk() is { } saved)
        {
            // Logged before it is served, so the log line comes no later than the first caller served.
            Log.ServingDiskCache(logger, cache.Service, saved.Service.Instances.Count, saved.SavedAt);
            _servingLastKnown = true;
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

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, time, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
