using System.Collections.Concurrent;

namespace Beacon.Core.Registry;

/// <summary>The services of one namespace.</summary>
public sealed class NamespaceState
{
    private readonly ConcurrentDictionary<string, ServiceState> _services = new(StringComparer.Ordinal);

    internal NamespaceState(string name) => Name = name;

    public string Name { get; }

    /// <summary>Every service, including those whose instances are all gone (waiters may still watch them).</summary>
    public ICollection<ServiceState> Services => _services.Values;

    public ServiceState? Find(string service) => _services.GetValueOrDefault(service);

    internal ServiceState GetOrAdd(string service) =>
        _services.TryGetValue(service, out var existing)
            ? existing
            : _services.GetOrAdd(service, static (name, ns) => new ServiceState(ns, name), Name);
}
