using System.Diagnostics.CodeAnalysis;
using Beacon.Client.Picking;
using Beacon.Contracts;

namespace Beacon.Client;

/// <summary>
/// One version of one service as this client knows it: an immutable list of instances plus what
/// picking needs, computed once when the version arrives. Reading it and picking from it are memory
/// reads that allocate nothing. When a newer version replaces it, <see cref="ChangeToken"/> is cancelled.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The token source has no timer and is only ever cancelled; nothing to release.")]
public sealed class ServiceView
{
    private readonly PickTier _preferred;
    private readonly PickTier _fallback;
    private readonly long[] _failedUntil;
    private readonly Dictionary<string, int> _slotById;
    private readonly PickPolicy _policy;
    private readonly CancellationTokenSource _changed = new();
    private readonly TaskCompletionSource _superseded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failureMarks;
    private int _roundRobin;

    internal ServiceView(
        ServiceInstances service, ServiceViewSource source, DateTimeOffset updatedAt, PickPolicy policy, ServiceView? previous)
    {
        Namespace = service.Namespace;
        Service = service.Service;
        Revision = service.Revision;
        Source = source;
        UpdatedAt = updatedAt;
        _policy = policy;

        InstanceInfo[] instances = [.. service.Instances];
        Instances = instances;
        InstanceInfo[] available = [.. instances.Where(i => i.Status == InstanceStatus.Up && i.Healthy)];
        Available = available;

        // Weight 0 means "registered, but send nothing" (draining): never a candidate.
        var candidates = available.Where(i => i.Weight > 0).ToArray();
        _slotById = new Dictionary<string, int>(candidates.Length, StringComparer.Ordinal);
        for (var i = 0; i < candidates.Length; i++)
        {
            _slotById[candidates[i].Id] = i;
        }

        _fallback = new PickTier(candidates, [.. Enumerable.Range(0, candidates.Length)]);
        var local = policy.Zone is null ? [] : Enumerable.Range(0, candidates.Length)
            .Where(i => string.Equals(candidates[i].Zone, policy.Zone, StringComparison.Ordinal)).ToArray();
        _preferred = local.Length > 0 && local.Length < candidates.Length
            ? new PickTier([.. local.Select(i => candidates[i])], local)
            : _fallback;

        _failedUntil = new long[candidates.Length];
        previous?.CarryFailureMarksTo(this);
    }

    /// <summary>The namespace of the service.</summary>
    public string Namespace { get; }

    /// <summary>The service name.</summary>
    public string Service { get; }

    /// <summary>The revision of the service on the node that answered (0: the registry does not know it).</summary>
    public long Revision { get; }

    /// <summary>Every registered instance, whatever its status, ordered by id.</summary>
    public IReadOnlyList<InstanceInfo> Instances { get; }

    /// <summary>The instances that are UP and healthy.</summary>
    public IReadOnlyList<InstanceInfo> Available { get; }

    /// <summary>
    /// The instances a pick chooses among: the available ones of non-zero weight in the caller's zone
    /// when that zone has any, else those of every zone.
    /// </summary>
    public IReadOnlyList<InstanceInfo> Candidates => _preferred.Items;

    /// <summary>Where this version came from: the registry, or the disk copy when no node answered.</summary>
    public ServiceViewSource Source { get; }

    /// <summary>When this client received this version (for a disk copy: when the copy was written).</summary>
    public DateTimeOffset UpdatedAt { get; }

    /// <summary>Cancelled when a newer version of the service replaces this one.</summary>
    public CancellationToken ChangeToken => _changed.Token;

    internal Task Superseded => _superseded.Task;

    /// <summary>
    /// Picks an instance: by weight or in turn (<see cref="BeaconClientOptions.LoadBalancing"/>), from the
    /// caller's zone while it has candidates, skipping instances reported failing in the last
    /// <see cref="BeaconClientOptions.FailureCooldown"/> while others remain. Allocation-free.
    /// </summary>
    /// <returns>False when there is no candidate at all.</returns>
    public bool TryPick([NotNullWhen(true)] out InstanceInfo? instance)
    {
        var tier = _preferred;
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

        instance = PickAvoidingFailures();
        return true;
    }

    /// <summary>Like <see cref="TryPick"/>, but throws when there is no candidate.</summary>
    /// <exception cref="NoAvailableInstanceException">No instance is UP, healthy and of non-zero weight.</exception>
    public InstanceInfo Pick() =>
        TryPick(out var instance) ? instance : throw new NoAvailableInstanceException(Namespace, Service);

    /// <summary>Marks an instance as failing for the cooldown; false when it is not a candidate of this version.</summary>
    internal bool MarkFailed(string id)
    {
        if (!_slotById.TryGetValue(id, out var slot))
        {
            return false;
        }

        Volatile.Write(ref _failedUntil[slot], _policy.Time.GetTimestamp() + _policy.CooldownTimestamps);
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

    private InstanceInfo PickAvoidingFailures()
    {
        var now = _policy.Time.GetTimestamp();
        if (TryChooseHealthy(_preferred, now, out var index))
        {
            return _preferred.Items[index];
        }

        if (!ReferenceEquals(_fallback, _preferred) && TryChooseHealthy(_fallback, now, out index))
        {
            return _fallback.Items[index];
        }

        // Everything is failing: an instance that failed recently still beats none.
        return _preferred.Items[Choose(_preferred)];
    }

    /// <summary>Chooses as usual, then walks on from there past instances that are cooling down.</summary>
    private bool TryChooseHealthy(PickTier tier, long now, out int index)
    {
        var count = tier.Items.Length;
        var start = Choose(tier);
        for (var step = 0; step < count; step++)
        {
            index = (start + step) % count;
            if (Volatile.Read(ref _failedUntil[tier.MarkSlots[index]]) <= now)
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
        foreach (var (id, slot) in _slotById)
        {
            var until = Volatile.Read(ref _failedUntil[slot]);
            if (until > now && next._slotById.TryGetValue(id, out var nextSlot))
            {
                next._failedUntil[nextSlot] = until;
                next._failureMarks++;
            }
        }
    }
}
