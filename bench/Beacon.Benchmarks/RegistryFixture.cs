using Beacon.Core;
using Beacon.Core.Model;
using Beacon.Core.Registry;

namespace Beacon.Benchmarks;

/// <summary>A registry of 100 services × 100 instances, each shaped like an SDK registration.</summary>
internal static class RegistryFixture
{
    public const int Services = 100;
    public const int InstancesPerService = 100;

    public static ServiceRegistry Create()
    {
        var registry = new ServiceRegistry(new RegistryOptions(), TimeProvider.System);
        for (var s = 0; s < Services; s++)
        {
            for (var i = 0; i < InstancesPerService; i++)
            {
                registry.Register(Registration(s, i, version: "1.4.2"));
            }
        }

        return registry;
    }

    public static InstanceRegistration Registration(int service, int index, string version) => new()
    {
        Namespace = "default",
        Service = $"orders{service}",
        Id = $"orders{service}-{index}",
        Addresses = [$"http://10.0.{service}.{index}:8080"],
        Zone = "eu-1a",
        Version = version,
        Metadata = new Dictionary<string, string>
        {
            ["team"] = "payments",
            ["commit"] = "9f1c2e7a4b",
            ["region"] = "eu-west-1",
        },
    };
}
