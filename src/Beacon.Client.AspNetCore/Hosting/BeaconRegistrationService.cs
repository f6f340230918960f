using Beacon.Contracts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Client.AspNetCore.Hosting;

/// <summary>
/// The app's own registration lifecycle: registers once the server is listening (its bound URLs are
/// known only then), retrying until a registry node answers; at shutdown reports DOWN first, so
/// callers stop picking it while it still serves, waits the drain delay, then deregisters.
/// </summary>
internal sealed partial class BeaconRegistrationService(
    BeaconClient client,
    IOptions<BeaconRegistrationOptions> options,
    IHostEnvironment environment,
    IServiceProvider services,
    TimeProvider time,
    ILogger<BeaconRegistrationService> logger) : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _registering = Task.CompletedTask;
    private BeaconRegistration? _registration;
    private volatile bool _registered;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return Task.CompletedTask;
        }

        _registration = RegistrationFactory.Create(options.Value, environment, services.GetService<IServer>());
        // In the background: the app starts even while no registry node answers, and registers when one does.
        _registering = Task.Run(() => RegisterUntilAcceptedAsync(_registration, _stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _registering;
        if (!_registered || _registration is null)
        {
            return;
        }

        try
        {
            await client.SetStatusAsync(_registration.Service, _registration.Id, InstanceStatus.Down, cancellationToken);
            if (options.Value.DrainDelay > TimeSpan.Zero)
            {
                await Task.Delay(options.Value.DrainDelay, time, cancellationToken);
            }
        }
        catch (Exception e) when (e is BeaconException or OperationCanceledException)
        {
            LogDownFailed(logger, _registration.Service, _registration.Id, e);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_registered && _registration is not null)
        {
            await client.DeregisterAllAsync(cancellationToken);
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stop.Dispose();

    private async Task RegisterUntilAcceptedAsync(BeaconRegistration registration, CancellationToken stop)
    {
        var delay = client.Options.RetryBackoff;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await client.RegisterAsync(registration, stop);
                _registered = true;
                LogRegistered(logger, registration.Service, registration.Id, string.Join(", ", registration.Addresses));
                return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (BeaconUnavailableException e)
            {
                LogRetrying(logger, registration.Service, delay, e.Message);
            }
            catch (BeaconException e)
            {
                // The registry refused the registration itself (a bad name or address): retrying cannot help.
                LogRejected(logger, registration.Service, registration.Id, e);
                return;
            }

            try
            {
                await Task.Delay(delay, time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, client.Options.MaxRetryBackoff.Ticks));
        }
    }

    [LoggerMessage(4050, LogLevel.Information, "Registered this app as {Service}/{Id} at {Addresses}")]
    private static partial void LogRegistered(ILogger logger, string service, string id, string addresses);

    [LoggerMessage(4051, LogLevel.Warning, "Registering {Service} failed, no registry node answers; retrying in {Delay}: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string service, TimeSpan delay, string reason);

    [LoggerMessage(4052, LogLevel.Error, "The registry rejected the registration of {Service}/{Id}; fix Beacon:Registration")]
    private static partial void LogRejected(ILogger logger, string service, string id, Exception exception);

    [LoggerMessage(4053, LogLevel.Warning, "Reporting {Service}/{Id} DOWN at shutdown failed")]
    private static partial void LogDownFailed(ILogger logger, string service, string id, Exception exception);
}
