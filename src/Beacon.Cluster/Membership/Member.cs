using Beacon.Contracts;

namespace Beacon.Cluster.Membership;

/// <summary>
/// One node of the cluster as this node sees it. The identity (<see cref="Id"/>, the node's
/// <c>host:port</c>) never changes; what was last heard from it is updated atomically.
/// </summary>
public sealed class Member
{
    private readonly long _gapMs;
    private long _lastContactMs;
    private long _upSinceMs;
    private volatile string? _zone;
    private volatile bool _ready;

    // gapMs: silence after which the next contact starts a new up period (the suspect threshold).
    internal Member(string id, bool isSelf, string? zone, long gapMs, long nowMs)
    {
        Id = string.Intern(id);
        IsSelf = isSelf;
        BaseAddress = new Uri($"http://{id}/");
        _zone = zone;
        _gapMs = gapMs;
        _upSinceMs = isSelf ? nowMs : 0;
    }

    /// <summary>The node id: <c>host:port</c>, as in <c>--nodes</c>.</summary>
    public string Id { get; }

    public Uri BaseAddress { get; }

    public bool IsSelf { get; }

    /// <summary>The node's zone, once known (from its probes or its registration).</summary>
    public string? Zone
    {
        get => _zone;
        internal set => _zone = value;
    }

    /// <summary>Unix ms of the last successful exchange with it; 0 if never.</summary>
    public long LastContactMs => Volatile.Read(ref _lastContactMs);

    /// <summary>
    /// Since when it has been reachable without a gap (0 if never). A node that was cut off comes back
    /// with heartbeats it has not forwarded yet: eviction waits until it has been up for a whole lease.
    /// </summary>
    public long UpSinceMs => Volatile.Read(ref _upSinceMs);

    /// <summary>
    /// Whether the peer has its registry, i.e. has finished its start-up copy, as its last probe
    /// answer said. False until a probe answers, and again whenever it comes back from a silence (it
    /// may have restarted empty). Lease re-sends wait for it: a starting node's copy brings the leases,
    /// and re-sending them meanwhile makes it answer "unknown" for every record not copied yet. (Never
    /// set for this node itself, which is never probed: its own readiness is <c>NodeReadiness</c>.)
    /// </summary>
    public bool Ready
    {
        get => _ready;
        internal set => _ready = value;
    }

    internal void Contacted(long nowMs)
    {
        var last = Volatile.Read(ref _lastContactMs);
        if (last == 0 || nowMs - last >= _gapMs)
        {
            Volatile.Write(ref _upSinceMs, nowMs);
            _ready = false;
        }

        var seen = last;
        while (nowMs > seen)
        {
            var previous = Interlocked.CompareExchange(ref _lastContactMs, nowMs, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    /// <summary>The member's state at <paramref name="nowMs"/>. This node itself is always up.</summary>
    public MemberState StateAt(long nowMs, long suspectAfterMs, long downAfterMs)
    {
        if (IsSelf)
        {
            return MemberState.Up;
        }

        var last = LastContactMs;
        if (last == 0)
        {
            return MemberState.Down;
        }

        var silent = nowMs - last;
        return silent < suspectAfterMs ? MemberState.Up : silent < downAfterMs ? MemberState.Suspect : MemberState.Down;
    }

    public override string ToString() => Id;
}
