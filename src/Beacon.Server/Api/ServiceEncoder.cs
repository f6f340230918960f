using System.Text.Json;
using Beacon.Contracts;
using Beacon.Core.Model;
using Beacon.Core.Registry;

namespace Beacon.Server.Api;

/// <summary>
/// Encodes a service's instances as JSON. The two common answers — the default (UP and healthy) and
/// everything — are encoded once per snapshot and reused for <see cref="Hosting.ApiOptions.EncodingReuse"/>,
/// so the discovery read, the registry's hottest path, is a memory copy (and, for clients that accept
/// gzip, a copy of a gzip encoding made once: <see cref="EncodedAnswer"/>). Other filters are encoded
/// per request.
/// </summary>
internal sealed class ServiceEncoder(TimeProvider time, Hosting.ApiOptions options)
{
    private readonly long _reuseMs = (long)options.EncodingReuse.TotalMilliseconds;

    /// <summary>The answer's JSON.</summary>
    public byte[] Encode(ServiceSnapshot snapshot, StatusFilter status, bool? healthy, string? zone) =>
        EncodeAnswer(snapshot, status, healthy, zone).Json;

    /// <summary>The answer: JSON, and for the two cached filters its gzip copy on demand.</summary>
    public EncodedAnswer EncodeAnswer(ServiceSnapshot snapshot, StatusFilter status, bool? healthy, string? zone)
    {
        var everything = status == StatusFilter.All && healthy is null;
        var passing = status == StatusFilter.UpOnly && healthy == true;
        if (zone is not null || !(everything || passing))
        {
            return new EncodedAnswer(SerializeFiltered(snapshot, status, healthy, zone), cached: false);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (snapshot.EncodingCache is not Encodings cache || now - cache.BuiltAtMs > _reuseMs)
        {
            cache = new Encodings(now);
            snapshot.EncodingCache = cache;
        }

        return everything
            ? cache.Everything ??= new EncodedAnswer(Serialize(snapshot, static _ => true), cached: true)
            : cache.Passing ??= new EncodedAnswer(Serialize(snapshot, static i => i.IsPassing), cached: true);
    }

    // Its own method: a lambda capturing the parameters in Encode would make the compiler allocate
    // the closure on every call, cached answers included.
    private static byte[] SerializeFiltered(ServiceSnapshot snapshot, StatusFilter status, bool? healthy, string? zone) =>
        Serialize(snapshot, i => status.Accepts(i.Status) &&
                                 (healthy is null || i.Healthy == healthy) &&
                                 (zone is null || string.Equals(i.Zone, zone, StringComparison.Ordinal)));

    private static byte[] Serialize(ServiceSnapshot snapshot, Func<Instance, bool> filter)
    {
        var instances = new List<InstanceInfo>(snapshot.Instances.Length);
        foreach (var instance in snapshot.Instances)
        {
            if (filter(instance))
            {
                instances.Add(InstanceMapper.ToInfo(instance));
            }
        }

        return WireBytes.Of(
            new ServiceInstances
            {
                Namespace = snapshot.Namespace,
                Service = snapshot.Name,
                Revision = snapshot.Revision,
                Instances = instances,
            },
            BeaconJsonContext.Default.ServiceInstances);
    }

    private sealed class Encodings(long builtAtMs)
    {
        public long BuiltAtMs { get; } = builtAtMs;

        public EncodedAnswer? Passing { get; set; }

        public EncodedAnswer? Everything { get; set; }
    }
}
