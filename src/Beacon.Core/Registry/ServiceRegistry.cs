using System.Collections.Concurrent;
using Beacon.Core.Changes;
using Beacon.Core.Model;
using Beacon.Core.SelfPreservation;
using Beacon.Core.Versioning;

namespace Beacon.Core.Registry;

/// <summary>
/// The in-memory registry of one node: namespace → service → instance.
/// <para>
/// Reads take a service's current immutable snapshot and never lock. Writes to one service are
/// ordered by that service's lock, stamped with the node's next revision, recorded in the
/// <see cref="ChangeLog"/>, published as a new snapshot, and then wake the service's waiters.
/// A heartbeat touches only the instance's <see cref="Lease"/>: one atomic store, no allocation.
/// </para>
/// The members are split by concern: <c>ServiceRegistry.Writes.cs</c> (local writes),
/// <c>.Replication.cs</c> (writes from peers), <c>.Eviction.cs</c>.
/// </summary>
public sealed partial class ServiceRegistry
{
    private readonly ConcurrentDictionary<string, NamespaceState> _namespaces = new(StringComparer.Ordinal);
    private readonly RegistryOptions _options;
    private readonly TimeProvider _time;
    private int _instanceCount;
    private long _evictions;

    public ServiceRegistry(RegistryOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        NodeId = string.Intern(options.NodeId);
        Clock = new HybridClock(time);
        StartedAtMs = NowMs;
        Changes = new ChangeLog(options.ChangeHistorySize, StartedAtMs);
        SelfPreservation = new SelfPreservationGuard(options.SelfPreservation, StartedAtMs);
    }

    /// <summary>Raised for every committed change, in revision order per service, under the service's lock.</summary>
    public event Action<Change>? Committed;

    public RegistryOptions Options => _options;

    /// <summary>The node's id, which stamps the versions of local writes.</summary>
    public string NodeId { get; }

    /// <summary>The clock that versions local writes.</summary>
    public HybridClock Clock { get; }

    /// <summary>
    /// Decides, per expired instance, whether this node may evict it. A single node may evict anything;
    /// a cluster node only what it is responsible for (see Beacon.Cluster).
    /// </summary>
    public IEvictionPolicy EvictionPolicy { get; set; } = EvictAll.Instance;

    public long StartedAtMs { get; }

    public ChangeLog Changes { get; }

    public SelfPreservationGuard SelfPreservation { get; }

    /// <summary>Instances across all namespaces.</summary>
    public int InstanceCount => Volatile.Read(ref _instanceCount);

    /// <summary>Instances evicted since start.</summary>
    public long Evictions => Volatile.Read(ref _evictions);

    public ICollection<NamespaceState> Namespaces => _namespaces.Values;

    internal long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public NamespaceState? FindNamespace(string @namespace) => _namespaces.GetValueOrDefault(@namespace);

    public ServiceState? FindService(string @namespace, string service) =>
        FindNamespace(@namespace)?.Find(service);

    public Instance? FindInstance(string @namespace, string service, string id) =>
        FindService(@namespace, service)?.Snapshot.Find(id);

    /// <summary>Evaluates self-preservation now (also samples the renewal rate).</summary>
    public SelfPreservationState EvaluateSelfPreservation() => SelfPreservation.Evaluate(NowMs);

    private ServiceState GetOrAddService(string @namespace, string service)
    {
        var ns = _namespaces.TryGetValue(@namespace, out var existing)
            ? existing
            : _namespaces.GetOrAdd(@namespace, static name => new NamespaceState(name));
        return ns.GetOrAdd(service);
    }
}
