using System.Diagnostics.CodeAnalysis;
using Beacon.Client.Picking;
using Beacon.Contracts;

namespace Beacon.Client;

/// <summary>
/// One version of one service as this client knows it: an immutable list of instances plus what
/// picking needs, computed once, at the first pick (a watcher of a busy service receives many versions
/// it never picks from). Reading it and picking from it are memory reads that allocate nothing. When
/// a newer version replaces it, <see cref="ChangeToken"/> is cancelled.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The token source has no timer and is only ever cancelled; nothing to release.")]
public sealed class ServiceView
{
    private readonly InstanceInfo[] _instances;
    private readonly PickPolicy _policy;
    private readonly CancellationTokenSource _changed = new();
    private readonly TaskCompletionSource _superseded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PickTables? _tables;
    private int _failureMarks;
    private int _roundRobin;

    // ordered: the service's instances are an array in id order that nobody mutates (the client built
    // it from the previous version and a change), so it is shared, neither copied nor checked. A list
    // from elsewhere (a node, the disk) is copied and put in id order.
    internal ServiceView(
        ServiceInstances service, ServiceViewSource source, DateTimeOffset updatedAt, PickPolicy policy, ServiceView? previous,
        bool ordered = false)
    {
        Namespace = service.Namespace;
        Service = service.Service;
        Revision = service.Revision;
        Source = source;
        UpdatedAt = updatedAt;
        _policy = policy;

        _instances = ordered ? (InstanceInfo[])service.Instances : InIdOrder(service.Instances);
        previous?.CarryFailureMarksTo(this);
    }

    /// <summary>The namespace of the service.</summary>
    public string Namespace { get; }

    /// <summary>The service name.</summary>
    public string Service { get; }

    /// <summary>The revision of the service on the node that answered (0: the registry does not know it).</summary>
    public long Revision { get; }

    /// <summary>Every registered instance, whatever its status, ordered by id.</summary>
    public IReadOnlyList<InstanceInfo> Instances => _instances;

    /// <summary>The same instances as the array they are kept in (ordered by id, never mutated).</summary>
    internal InstanceInfo[] OrderedInstances => _instances;

    /// <summary>The instances that are UP and healthy.</summary>
    public IReadOnlyList<InstanceInfo> Available => Tables.Available;

    /// <summary>
    /// The instances a pick chooses among: the available ones of non-zero weight in the caller's zone
    /// when that zone has any, else those of every zone.
    /// </summary>
    public IReadOnlyList<InstanceInfo> Candidates => Tables.Preferred.Items;

    /// <summary>Where this version came from: the registry, or the disk copy when no node answered.</summary>
    public ServiceViewSource Source { get; }

    /// <summary>When this client received this version (for a disk copy: when the copy was written).</summary>
    public DateTimeOffset UpdatedAt { get; }

    /// <summary>Cancelled when a newer version of the service replaces this one.</summary>
    public CancellationToken ChangeToken => _changed.Token;

    internal Task Superseded => _superseded.Task;

    private PickTables Tables
    {
        get
        {
            var tables = Volatile.Read(ref _tables);
            if (tables is not null)
            {
                return tables;
            }

            tables = new PickTables(_instances, _policy.Zone);
            return Interlocked.CompareExchange(ref _tables, tables, null) ?? tables;
        }
    }

    /// <summary>
    /// Picks an instance: by weight or in turn (<see cref="BeaconClientOptions.LoadBalancing"/>), from the
    /// caller's zone while it has candidates, skipping instances reported failing in the last
    /// <see cref="BeaconClientOptions.FailureCooldown"/> while others remain. Allocation-free.
    /// </summary>
    /// <returns>False when there is no candidate at all.</returns>
    public bool TryPick([NotNullWhen(true)] out InstanceInfo? instance)
    {
        var tables = Tables;
        var tier = tables.Preferred;
        var items = tier.Items;
        if (items.Length == 0)
        {
            instance = null;
            return false;
        }

        if (Volatile.Read(ref _failureMarks) == 0)
        {
            instance = items[Choose(tier)];
            return true;
        }

        instance = PickAvoidingFailures(tables);
        return true;
    }

    /// <summary>Like <see cref="TryPick"/>, but throws when there is no candidate.</summary>
    /// <exception cref="NoAvailableInstanceException">No instance is UP, healthy and of non-zero weight.</exception>
    public InstanceInfo Pick() =>
        TryPick(out var instance) ? instance : throw new NoAvailableInstanceException(Namespace, Service);

    /// <summary>Marks an instance as failing for the cooldown; false when it is not a candidate of this version.</summary>
    internal bool MarkFailed(string id)
    {
        var tables = Tables;
        var slot = tables.SlotOf(id);
        if (slot < 0)
        {
            return false;
        }

        Volatile.Write(ref tables.FailedUntil[slot], _policy.Time.GetTimestamp() + _policy.CooldownTimestamps);
        Interlocked.Increment(ref _failureMarks);
        return true;
    }

    /// <summary>Called once, when the next version replaces this one.</summary>
    internal void Supersede()
    {
        _changed.Cancel();
        _superseded.TrySetResult();
    }

    private int Choose(PickTier tier) => _policy.Strategy == LoadBalancingStrategy.RoundRobin
        ? (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)tier.Items.Length)
        : tier.IndexOfWeight(Random.Shared.Next(tier.TotalWeight));

    private InstanceInfo PickAvoidingFailures(PickTables tables)
    {
        var now = _policy.Time.GetTimestamp();
        var preferred = tables.Preferred;
        if (TryChooseHealthy(preferred, tables.FailedUntil, now, out var index))
        {
            return preferred.Items[index];
        }

        var fallback = tables.Fallback;
        if (!ReferenceEquals(fallback, preferred) && TryChooseHealthy(fallback, tables.FailedUntil, now, out index))
        {
            return fallback.Items[index];
        }

        // Everything is failing: an instance that failed recently still beats none.
        return preferred.Items[Choose(preferred)];
    }

    /// <summary>Chooses as usual, then walks on from there past instances that are cooling down.</summary>
    private bool TryChooseHealthy(PickTier tier, long[] failedUntil, long now, out int index)
    {
        var count = tier.Items.Length;
        var start = Choose(tier);
        for (var step = 0; step < count; step++)
        {
            index = (start + step) % count;
            if (Volatile.Read(ref failedUntil[tier.MarkSlots[index]]) <= now)
            {
                return true;
            }
        }

        index = -1;
        return false;
    }

    private void CarryFailureMarksTo(ServiceView next)
    {
        if (Volatile.Read(ref _failureMarks) == 0)
        {
            return;
        }

        var now = _policy.Time.GetTimestamp();
        var tables = Tables;
        var nextTables = next.Tables;
        for (var slot = 0; slot < tables.Candidates.Length; slot++)
        {
            var until = Volatile.Read(ref tables.FailedUntil[slot]);
            var nextSlot = until > now ? nextTables.SlotOf(tables.Candidates[slot].Id) : -1;
            if (nextSlot >= 0)
            {
                nextTables.FailedUntil[nextSlot] = until;
                next._failureMarks++;
            }
        }
    }

    private static InstanceInfo[] InIdOrder(IReadOnlyList<InstanceInfo> list)
    {
        InstanceInfo[] instances = [.. list];
        for (var i = 1; i < instances.Length; i++)
        {
            if (string.CompareOrdinal(instances[i - 1].Id, instances[i].Id) > 0)
            {
                Array.Sort(instances, static (a, b) => string.CompareOrdinal(a.Id, b.Id));
                break;
            }
        }

        return instances;
    }
}
