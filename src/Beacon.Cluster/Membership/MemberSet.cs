using Beacon.Contracts;
using System.Collections.Immutable;
using Beacon.Cluster.Hosting;

namespace Beacon.Cluster.Membership;

/// <summary>
/// The members of the cluster: the union of what every source lists (static list, file, address
/// server, DNS, the registry's own <c>beacon</c> service), plus this node. Readers take an immutable
/// array; a source's update swaps in a new one, keeping the <see cref="Member"/> objects (and what was
/// last heard from them) of nodes that stay.
/// </summary>
public sealed class MemberSet
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IReadOnlyList<string>> _sources = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly long _suspectAfterMs;
    private readonly long _downAfterMs;
    private ImmutableArray<Member> _all; // one reference inside: reads are atomic
    private volatile ImmutableDictionary<string, Member> _byId;
    private int _version;

    public MemberSet(string selfId, string selfZone, ClusterOptions options, TimeProvider time)
    {
        _time = time;
        _suspectAfterMs = (long)options.SuspectAfter.TotalMilliseconds;
        _downAfterMs = (long)options.DownAfter.TotalMilliseconds;
        Self = new Member(selfId, isSelf: true, selfZone, _suspectAfterMs, NowMs);
        _all = [Self];
        _byId = ImmutableDictionary<string, Member>.Empty.Add(Self.Id, Self);
    }

    /// <summary>Raised after the set of members changed.</summary>
    public event Action? Changed;

    public Member Self { get; }

    /// <summary>Grows by one each time the set of members changes.</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>Every member, this node included, ordered by id.</summary>
    public ImmutableArray<Member> All => _all;

    /// <summary>Every member but this node.</summary>
    public IEnumerable<Member> Peers => _all.Where(m => !m.IsSelf);

    public long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public Member? Find(string id) => _byId.GetValueOrDefault(id);

    public MemberState StateOf(Member member) => member.StateAt(NowMs, _suspectAfterMs, _downAfterMs);

    public bool IsUp(Member member) => StateOf(member) == MemberState.Up;

    /// <summary>Replaces what one source lists.</summary>
    public void SetSource(string source, IReadOnlyList<string> addresses)
    {
        bool changed;
        lock (_lock)
        {
            if (_sources.TryGetValue(source, out var previous) && previous.SequenceEqual(addresses))
            {
                return;
            }

            _sources[source] = addresses;
            var ids = _sources.Values.SelectMany(a => a).Append(Self.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var byId = _byId;
            var next = ids.Select(id => byId.GetValueOrDefault(id) ?? new Member(id, isSelf: false, zone: null, _suspectAfterMs, NowMs)).ToImmutableArray();
            changed = next.Length != _all.Length || !next.SequenceEqual(_all);
            _all = next;
            _byId = next.ToImmutableDictionary(m => m.Id, StringComparer.Ordinal);
            if (changed)
            {
                Interlocked.Increment(ref _version);
            }
        }

        if (changed)
        {
            Changed?.Invoke();
        }
    }
}
