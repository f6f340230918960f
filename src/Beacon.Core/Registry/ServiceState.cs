using System.Collections.Immutable;
using Beacon.Core.Changes;
using Beacon.Core.Model;

namespace Beacon.Core.Registry;

/// <summary>
/// The long-lived state of one service: the current <see cref="ServiceSnapshot"/>, the lock that
/// orders its writers (readers never take it), and the signal its long-poll and watch waiters await.
/// </summary>
public sealed class ServiceState
{
    private volatile ServiceSnapshot _snapshot;
    private volatile ImmutableDictionary<string, Tombstone> _tombstones = ImmutableDictionary<string, Tombstone>.Empty;

    internal ServiceState(string @namespace, string name)
    {
        _snapshot = new ServiceSnapshot(@namespace, name, 0, SortedInstances.Empty);
    }

    public string Namespace => _snapshot.Namespace;

    public string Name => _snapshot.Name;

    public ServiceSnapshot Snapshot => _snapshot;

    /// <summary>Removed instances' tombstones, by id; read without a lock, replaced under <see cref="WriteLock"/>.</summary>
    public ImmutableDictionary<string, Tombstone> Tombstones => _tombstones;

    /// <summary>Signalled after every change to the service.</summary>
    public ChangeSignal Changed { get; } = new();

    internal Lock WriteLock { get; } = new();

    /// <summary>Replaces the tombstones (caller holds <see cref="WriteLock"/>).</summary>
    internal void SetTombstones(ImmutableDictionary<string, Tombstone> tombstones) => _tombstones = tombstones;

    /// <summary>Publishes the next snapshot (caller holds <see cref="WriteLock"/>), then wakes waiters.</summary>
    internal void Publish(ServiceSnapshot next)
    {
        _snapshot = next;
        Changed.Signal();
    }
}
