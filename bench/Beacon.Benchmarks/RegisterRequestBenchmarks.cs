using System.Text;
using System.Text.Json;
using Beacon.Contracts;
using Beacon.Core.Registry;
using Beacon.Server.Api;
using BenchmarkDotNet.Attributes;

namespace Beacon.Benchmarks;

/// <summary>
/// A registration's work inside the node, past HTTP: parse the ~200-byte body the load generator and
/// the SDK send, store it, encode the answer. Bodies alternate between two versions so every
/// registration is a real change. Allocation matters as much as time here: every byte feeds the
/// collections that cost a registration ~15 % of its CPU under load (docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
public class RegisterRequestBenchmarks
{
    private readonly byte[][] _bodies = [Body("1.4.2"), Body("1.4.3")];
    private ServiceRegistry _registry = null!;
    private int _next;

    [GlobalSetup]
    public void Setup() => _registry = RegistryFixture.Create();

    [Benchmark(Description = "Parse the register body")]
    public RegisterInstanceRequest? Parse() =>
        JsonSerializer.Deserialize(_bodies[_next++ & 1], BeaconJsonContext.Wire.RegisterInstanceRequest);

    [Benchmark(Description = "Parse, store, encode the answer")]
    public int Register()
    {
        var body = JsonSerializer.Deserialize(_bodies[_next++ & 1], BeaconJsonContext.Wire.RegisterInstanceRequest)!;
        var result = InstanceEndpoints.Register("default", "orders42", "orders42-57", body, _registry);
        return InstanceEndpoints.Encode(result.Instance).Length;
    }

    private static byte[] Body(string version) => Encoding.UTF8.GetBytes(
        "{\"addresses\":[\"http://10.0.1.57:8080\"],\"zone\":\"eu-1b\",\"version\":\"" + version +
        "\",\"weight\":100,\"healthy\":true,\"leaseSeconds\":90,\"metadata\":{\"team\":\"payments\",\"commit\":\"9f1c2e7a4b\",\"region\":\"eu-west-1\"}}");
}
