using System.Text.Unicode;

namespace Beacon.LoadGen.Scenarios;

/// <summary>
/// The instances the scenarios register: instance n belongs to service <c>svc{n / 100}</c> (100
/// instances a service, a large deployment) and is registered with a body of about 200 bytes, what
/// an SDK sends: one address, zone, version, weight, lease and three metadata entries.
/// </summary>
public static class InstanceData
{
    public const int InstancesPerService = 100;

    public static string ServiceOf(long n) => $"svc{n / InstancesPerService}";

    public static string IdOf(long n) => $"svc{n / InstancesPerService}-{n % InstancesPerService}";

    /// <summary>Writes the registration body of instance <paramref name="n"/>; returns its length.</summary>
    public static int WriteBody(Span<byte> into, long n, int version = 0, int leaseSeconds = 90)
    {
        // The address is only data the registry stores: nothing ever connects to it.
        if (!Utf8.TryWrite(into,
                $"{{\"addresses\":[\"http://10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}:8080\"],\"zone\":\"eu-1{(char)('a' + n % 3)}\",\"version\":\"1.4.{version}\",\"weight\":100,\"healthy\":true,\"leaseSeconds\":{leaseSeconds},\"metadata\":{{\"team\":\"payments\",\"commit\":\"9f1c2e7a4b\",\"region\":\"eu-west-1\"}}}}",
                out var written))
        {
            throw new ArgumentException("The body does not fit the buffer.", nameof(into));
        }

        return written;
    }

    /// <summary>The complete register request (PUT) of instance <paramref name="n"/>; returns its length.</summary>
    public static int WriteRegisterRequest(
        Span<byte> into, Span<byte> bodyScratch, long n, string host, int version = 0, int leaseSeconds = 90)
    {
        var bodyLength = WriteBody(bodyScratch, n, version, leaseSeconds);
        var service = n / InstancesPerService;
        var index = n % InstancesPerService;
        if (!Utf8.TryWrite(into,
                $"PUT /v1/services/svc{service}/instances/svc{service}-{index} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {bodyLength}\r\n\r\n",
                out var headLength) ||
            !bodyScratch[..bodyLength].TryCopyTo(into[headLength..]))
        {
            throw new ArgumentException("The request does not fit the buffer.", nameof(into));
        }

        return headLength + bodyLength;
    }
}
