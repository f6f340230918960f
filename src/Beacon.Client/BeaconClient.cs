using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Beacon.Client.Discovery;
using Beacon.Client.Picking;
using Beacon.Client.Registration;
using Beacon.Client.Transport;
using Beacon.Contracts;
using Microsoft.Extensions.Logging;

namespace Beacon.Client;

/// <summary>
/// A client of a Beacon registry: registers this process' instances and keeps them alive, and
/// resolves services from an in-memory cache kept fresh by watching the registry, with a disk copy
/// for when no registry node answers. Thread-safe; create one per process with
/// <see cref="BeaconClientBuilder"/> and dispose it on shutdown (which deregisters its instances).
/// </summary>
public sealed class BeaconClient : IAsyncDisposable
{
    private readonly RegistryTransport _transport;
    private readonly Registrar _registrar;
    private readonly ServiceDirectory _services;
    private readonly MemberRefresher _members;
    private int _disposed;

    internal BeaconClient(BeaconClientOptions options, ILoggerFactory loggerFactory, TimeProvider time)
    {
        Options = options;
        var logger = loggerFactory.CreateLogger<BeaconClient>();
        var nodes = NodeSelector.Create(options, time);
        _transport = new RegistryTransport(options, nodes, time, logger);
        var api = new RegistryApi(_transport, options);
        var disk = options.DiskCache ? new DiskCache(options.DiskCacheDirectory ?? DiskCache.DefaultDirectory()) : null;
        var policy = new PickPolicy(options.Zone, options.LoadBalancing, options.FailureCooldown, time);
        _registrar = new Registrar(api, options, time, logger);
        _services = new ServiceDirectory(api, disk, policy, options, time, logger);
        _members = new MemberRefresher(api, options, logger);
        Log.ClientStarted(logger, options.ToString());
    }

    /// <summary>A client from a connection string such as <c>nodes=127.0.0.1:7171;namespace=prod</c>.</summary>
    public static BeaconClient Create(string connectionString) => new BeaconClientBuilder(connectionString).Build();

    /// <summary>The options the client was built with (a copy: changing it changes nothing).</summary>
    public BeaconClientOptions Options { get; }

    /// <summary>The registry nodes the client knows, configured and learned, the one in use first.</summary>
    public IReadOnlyList<Uri> Nodes => _transport.Nodes.Nodes;

    /// <summary>The instances this client registered and keeps alive.</summary>
    public IReadOnlyCollection<BeaconRegistration> Registrations => _registrar.Registrations;

    /// <summary>
    /// Registers an instance and keeps it alive: heartbeats every
    /// <see cref="BeaconClientOptions.HeartbeatInterval"/>, registering it again whenever the registry
    /// has forgotten it, until it is deregistered or the client disposed.
    /// </summary>
    /// <returns>The instance as the registry stored it.</returns>
    /// <exception cref="BeaconInvalidArgumentException">The registry rejected a field.</exception>
    /// <exception cref="BeaconUnavailableException">No registry node answered.</exception>
    public Task<InstanceInfo> RegisterAsync(BeaconRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return _registrar.RegisterAsync(registration, cancellationToken);
    }

    /// <summary>
    /// Reports an instance's own status (e.g. <see cref="InstanceStatus.Down"/> while shutting down); an
    /// owned instance keeps it across re-registrations.
    /// </summary>
    public Task<InstanceInfo> SetStatusAsync(string service, string id, InstanceStatus status, CancellationToken cancellationToken = default) =>
        _registrar.SetStatusAsync(service, id, status, cancellationToken);

    /// <summary>Reports the same status for every instance this client registered.</summary>
    public Task SetStatusOfAllAsync(InstanceStatus status, CancellationToken cancellationToken = default) =>
        _registrar.SetStatusOfAllAsync(status, cancellationToken);

    /// <summary>Deregisters an instance and stops renewing it. False when the registry did not know it.</summary>
    public Task<bool> DeregisterAsync(string service, string id, CancellationToken cancellationToken = default) =>
        _registrar.DeregisterAsync(service, id, cancellationToken);

    /// <summary>Deregisters every instance this client registered (failures are logged, not thrown).</summary>
    public Task DeregisterAllAsync(CancellationToken cancellationToken = default) =>
        _registrar.DeregisterAllAsync(cancellationToken);

    /// <summary>
    /// The current view of a service. The first call for a service starts watching it and waits for
    /// the registry's answer (or, when no node answers, the disk copy); later calls are memory reads.
    /// A service the registry does not know resolves to an empty view that fills in when it appears.
    /// </summary>
    /// <exception cref="BeaconUnavailableException">No node answered and no disk copy exists.</exception>
    /// <exception cref="BeaconInvalidArgumentException">The service name is invalid.</exception>
    public ValueTask<ServiceView> ResolveAsync(string service, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        var cache = _services.GetOrWatch(service);
        return cache.PermanentError is { } error ? ValueTask.FromException<ServiceView>(error) : cache.GetAsync(cancellationToken);
    }

    /// <summary>The cached view of a service without any I/O; false when it was never resolved.</summary>
    public bool TryGetCached(string service, [NotNullWhen(true)] out ServiceView? view)
    {
        view = _services.Find(service)?.Current;
        return view is not null;
    }

    /// <summary>
    /// Picks an instance of a service from the cache (see <see cref="ServiceView.TryPick"/>), resolving
    /// it first if needed. Allocation-free once the service is cached.
    /// </summary>
    /// <exception cref="NoAvailableInstanceException">The service has no instance to pick.</exception>
    public async ValueTask<InstanceInfo> PickAsync(string service, CancellationToken cancellationToken = default)
    {
        var view = await ResolveAsync(service, cancellationToken);
        return view.Pick();
    }

    /// <summary>
    /// Tells the client a call to an instance failed, so picks skip it for
    /// <see cref="BeaconClientOptions.FailureCooldown"/> while other instances are available.
    /// </summary>
    public void ReportFailure(InstanceInfo instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _services.Find(instance.Service)?.Current?.MarkFailed(instance.Id);
    }

    /// <summary>
    /// The views of a service as they change: the current one first, then each new version as the
    /// registry reports it (versions that follow each other quickly may be coalesced).
    /// </summary>
    public async IAsyncEnumerable<ServiceView> WatchAsync(string service, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var view = await ResolveAsync(service, cancellationToken);
        var cache = _services.GetOrWatch(service);
        while (true)
        {
            yield return view;
            await view.Superseded.WaitAsync(cancellationToken);
            view = cache.Current ?? view;
        }
    }

    /// <summary>
    /// Stops watching and heartbeating; deregisters the owned instances first unless
    /// <see cref="BeaconClientOptions.DeregisterOnDispose"/> is false.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (Options.DeregisterOnDispose)
        {
            using var deadline = new CancellationTokenSource(Options.RequestTimeout);
            await _registrar.DeregisterAllAsync(deadline.Token);
        }

        await _registrar.DisposeAsync();
        await _members.DisposeAsync();
        await _services.DisposeAsync();
        _transport.Dispose();
    }
}
