using Beacon.LoadGen.Scenarios;

namespace Beacon.LoadGen.Compare;

/// <summary>
/// What every system stores for instance n, so all three see the same workload: instance n belongs
/// to service <c>svc{n / 100}</c>, and its record is the ~200-byte JSON body the SDK sends to Beacon
/// (Beacon's registration body; etcd's value; ZooKeeper's node data).
/// </summary>
public static class CompareRecord
{
    /// <summary>
    /// The lease every system gets (Beacon's leaseSeconds, etcd's lease TTL): long enough that nothing
    /// expires while a scenario runs, so no system spends the measured time on expiry.
    /// </summary>
    public const int LeaseSeconds = 600;

    /// <summary>Where etcd keys and ZooKeeper nodes live: <c>/services/{service}/{id}</c>.</summary>
    public const string Root = "/services";

    /// <summary>Writes instance n's record; returns its length (about 200 bytes).</summary>
    public static int Write(Span<byte> into, long n) => InstanceData.WriteBody(into, n, leaseSeconds: LeaseSeconds);

    public static string ServicePath(long service) => $"{Root}/svc{service}";

    public static string InstancePath(long n) => $"{Root}/{InstanceData.ServiceOf(n)}/{InstanceData.IdOf(n)}";
}
