using System.Collections.Concurrent;
using Beacon.Client.Transport;
using Beacon.Contracts;
using Microsoft.Extensions.Logging;

namespace Beacon.Client.Registration;

/// <summary>
/// The registration lifecycle of every instance this process owns: register, renew them all with one
/// batch heartbeat per interval, register again any the registry no longer knows (evicted, or a node
/// that lost its state), report status changes, deregister.
/// </summary>
internal sealed class Registrar : IAsyncDisposable
{
    /// <summary>The registry's limit for one batch.</summary>
    private const int MaxBatch = 10_000;

    private readonly ConcurrentDictionary<(string Service, string Id), OwnedInstance> _owned = new();
    private readonly RegistryApi _api;
    private readonly BeaconClientOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;

    public Registrar(RegistryApi api, BeaconClientOptions options, TimeProvider time, ILogger logger)
    {
        _api = api;
        _options = options;
        _logger = logger;
        _timer = new PeriodicTimer(options.HeartbeatInterval, time);
        _loop = Task.Run(() => HeartbeatLoopAsync(_stop.Token));
    }

    public IReadOnlyCollection<BeaconRegistration> Registrations => [.. _owned.Values.Select(o => o.Registration)];

    public async Task<InstanceInfo> RegisterAsync(BeaconRegistration registration, CancellationToken cancellationToken)
    {
        var owned = new OwnedInstance(registration);
        var stored = await SendRegistrationAsync(owned, cancellationToken);
        // Owned only once the registry accepted it: a rejected registration must not be retried forever.
        _owned[(registration.Service, registration.Id)] = owned;
        Log.Registered(_logger, registration.Service, registration.Id);
        return stored;
    }

    public async Task<InstanceInfo> SetStatusAsync(string service, string id, InstanceStatus status, CancellationToken cancellationToken)
    {
        if (_owned.TryGetValue((service, id), out var owned))
        {
            owned.Status = status;
        }

        try
        {
            var stored = await _api.PatchAsync(service, id, new PatchInstanceRequest { Status = status }, cancellationToken);
            Log.StatusReported(_logger, service, id, status);
            return stored;
        }
        catch (BeaconNotFoundException) when (owned is not null)
        {
            return await SendRegistrationAsync(owned, cancellationToken);
        }
    }

    public async Task SetStatusOfAllAsync(InstanceStatus status, CancellationToken cancellationToken)
    {
        foreach (var owned in _owned.Values)
        {
            await SetStatusAsync(owned.Registration.Service, owned.Registration.Id, status, cancellationToken);
        }
    }

    public async Task<bool> DeregisterAsync(string service, string id, CancellationToken cancellationToken)
    {
        // Forget first, so a heartbeat running meanwhile cannot register it again.
        _owned.TryRemove((service, id), out _);
        var removed = await _api.DeregisterAsync(service, id, cancellationToken);
        Log.Deregistered(_logger, service, id);
        return removed;
    }

    /// <summary>Deregisters every owned instance; failures are logged (the lease will expire anyway).</summary>
    public async Task DeregisterAllAsync(CancellationToken cancellationToken)
    {
        foreach (var key in _owned.Keys.ToArray())
        {
            try
            {
                await DeregisterAsync(key.Service, key.Id, cancellationToken);
            }
            catch (Exception e) when (e is BeaconException or OperationCanceledException)
            {
                Log.DeregisterFailed(_logger, key.Service, key.Id, e);
            }
        }
    }

    /// <summary>Renews every owned instance now; registers again those the registry does not know.</summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var owned = _owned.Values.ToArray();
        foreach (var chunk in owned.Chunk(MaxBatch))
        {
            var result = await _api.HeartbeatAsync(
                new HeartbeatBatchRequest { Namespace = _options.Namespace, Instances = [.. chunk.Select(o => o.Ref)] },
                cancellationToken);
            foreach (var missing in result.NotFound)
            {
                if (_owned.TryGetValue((missing.Service, missing.Id), out var lost))
                {
                    await SendRegistrationAsync(lost, cancellationToken);
                    Log.Reregistered(_logger, missing.Service, missing.Id);
                }
            }
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken stop)
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(stop))
            {
                if (_owned.IsEmpty)
                {
                    continue;
                }

                try
                {
                    await HeartbeatAsync(stop);
                }
                catch (Exception e) when (e is BeaconException or System.Text.Json.JsonException)
                {
                    Log.HeartbeatFailed(_logger, _owned.Count, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private Task<InstanceInfo> SendRegistrationAsync(OwnedInstance owned, CancellationToken cancellationToken)
    {
        var r = owned.Registration;
        var lease = r.LeaseSeconds ?? _options.LeaseSeconds;
        // The interval the client really renews at, as whole seconds the registry understands (at least 1).
        var heartbeat = Math.Clamp((int)Math.Ceiling(_options.HeartbeatInterval.TotalSeconds), 1, lease);
        var body = new RegisterInstanceRequest
        {
            Addresses = r.Addresses,
            Zone = r.Zone ?? _options.Zone,
            Status = owned.Status,
            Weight = r.Weight,
            Version = r.Version,
            Metadata = r.Metadata,
            LeaseSeconds = lease,
            HeartbeatSeconds = heartbeat,
        };
        return _api.RegisterAsync(r.Service, r.Id, body, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _timer.Dispose();
        _stop.Dispose();
    }
}
