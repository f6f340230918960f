using Beacon.Core;
using Beacon.Core.Model;
using Beacon.Core.Registry;
using Beacon.LoadGen.Measurement;
using Beacon.LoadGen.Processes;

namespace Beacon.LoadGen.Scenarios;

/// <summary>
/// Bytes per instance, two ways: the managed heap of an in-process <see cref="ServiceRegistry"/>
/// holding 1,000,000 instances (10,000 services × 100), and the resident memory of a real node
/// before and after 100,000 registrations over HTTP.
/// </summary>
public static class MemoryScenario
{
    public const int InProcessInstances = 1_000_000;
    public const int OverHttpInstances = 100_000;

    /// <summary>What an instance carries besides its id and address.</summary>
    public enum Shape
    {
        /// <summary>One address and a zone: the minimum a registration holds.</summary>
        Bare,

        /// <summary>What <see cref="InstanceData"/> sends over HTTP: zone, version and three metadata entries.</summary>
        Sdk,
    }

    /// <summary>Managed bytes per instance of a registry of <paramref name="count"/> instances.</summary>
    public static double InProcessBytesPerInstance(Shape shape, int count = InProcessInstances)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var registry = new ServiceRegistry(new RegistryOptions(), TimeProvider.System);
        for (var n = 0; n < count; n++)
        {
            registry.Register(Registration(n, shape));
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(registry);
        return (after - before) / (double)count;
    }

    /// <summary>
    /// Resident bytes a node gains per instance over <see cref="OverHttpInstances"/> registrations.
    /// An upper bound: it includes garbage the GC has not collected yet and heap it keeps for reuse.
    /// </summary>
    public static async Task<(double BytesPerInstance, long RssBefore, long RssAfter)> NodeRssPerInstanceAsync(
        LoadTarget node, CancellationToken cancellationToken)
    {
        var pid = node.Pid ?? throw new InvalidOperationException("The RSS measurement needs a node this tool started.");
        // Warm the node's code paths and pools first, so the delta is the instances, not the JIT.
        const int Warmup = 1_000;
        await Seeder.RegisterAsync(node, 0, Warmup, cancellationToken);
        await ProcessStats.WaitUntilIdleAsync(pid, TimeSpan.FromSeconds(60), cancellationToken);
        var before = ProcessStats.ResidentBytes(pid);
        await Seeder.RegisterAsync(node, Warmup, OverHttpInstances, cancellationToken);
        await ProcessStats.WaitUntilIdleAsync(pid, TimeSpan.FromSeconds(60), cancellationToken);
        var after = ProcessStats.ResidentBytes(pid);
        return ((after - before) / (double)OverHttpInstances, before, after);
    }

    /// <summary>
    /// A registration whose strings are all fresh copies, as the JSON reader of a real node makes them
    /// for every request: sharing literals here would hide the cost of duplicate strings.
    /// </summary>
    private static InstanceRegistration Registration(int n, Shape shape)
    {
        var service = n / InstanceData.InstancesPerService;
        return new InstanceRegistration
        {
            Namespace = "default",
            Service = $"orders{service}",
            Id = $"orders{service}-{n % InstanceData.InstancesPerService}",
            Addresses = [$"http://10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}:8080"],
            Zone = Fresh(n % 3 == 0 ? "eu-1a" : n % 3 == 1 ? "eu-1b" : "eu-1c"),
            Version = shape == Shape.Sdk ? Fresh("1.4.2") : null,
            Metadata = shape == Shape.Sdk
                ? new Dictionary<string, string>
                {
                    [Fresh("team")] = Fresh("payments"),
                    [Fresh("commit")] = Fresh("9f1c2e7a4b"),
                    [Fresh("region")] = Fresh("eu-west-1"),
                }
                : null,
        };
    }

    private static string Fresh(string text) => new(text.AsSpan());
}
