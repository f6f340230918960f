using Beacon.Core.Model;
using Beacon.Core.Registry;
using Microsoft.Extensions.Time.Testing;

namespace Beacon.Core.Tests;

/// <summary>A registry on a fake clock, and short-hands for registrations.</summary>
internal sealed class RegistryFixture
{
    public RegistryFixture(Action<RegistryOptions>? configure = null)
    {
        Options = new RegistryOptions();
        configure?.Invoke(Options);
        Registry = new ServiceRegistry(Options, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public RegistryOptions Options { get; }

    public ServiceRegistry Registry { get; }

    public static InstanceRegistration Registration(string service = "orders", string id = "o-1", string ns = "default") => new()
    {
        Namespace = ns,
        Service = service,
        Id = id,
        Addresses = ["http://10.0.0.5:8080"],
    };

    public Instance Register(string service = "orders", string id = "o-1", int? leaseSeconds = null, int? heartbeatSeconds = null) =>
        Registry.Register(Registration(service, id) with { LeaseSeconds = leaseSeconds, HeartbeatSeconds = heartbeatSeconds }).Instance;

    public void Advance(TimeSpan by) => Time.Advance(by);
}
