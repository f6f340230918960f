using Beacon.Contracts;
using System.IO.Hashing;
using System.Text;

namespace Beacon.Cluster.Membership;

/// <summary>
/// Which node is responsible for an instance (Distro's "responsible node"): rendezvous hashing of
/// the instance's key over the members this node does not consider down. When a member goes or
/// comes, only the keys it wins or loses move. Every node computes the same owner from the same view.
/// </summary>
public sealed class Responsibility(MemberSet members)
{
    private const long ViewTtlMs = 100;
    private volatile LiveView? _view;

    /// <summary>The responsible member for a key hash, among the members not down.</summary>
    public Member OwnerOf(ulong keyHash) => View().OwnerOf(keyHash);

    public bool IsSelfResponsible(ulong keyHash) => OwnerOf(keyHash).IsSelf;

    /// <summary>The live members, refreshed at most every 100 ms (states change with time, not events).</summary>
    internal LiveView View()
    {
        var view = _view;
        var now = members.NowMs;
        if (view is null || now - view.BuiltAtMs > ViewTtlMs || view.MembersVersion != members.Version)
        {
            view = new LiveView(members, now);
            _view = view;
        }

        return view;
    }

    /// <summary>The members not down at one moment, with their hashes.</summary>
    internal sealed class LiveView
    {
        private readonly Member[] _live;
        private readonly ulong[] _hashes;

        public LiveView(MemberSet members, long nowMs)
        {
            BuiltAtMs = nowMs;
            MembersVersion = members.Version;
            _live = [.. members.All.Where(m => members.StateOf(m) != MemberState.Down)];
            _hashes = [.. _live.Select(m => XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(m.Id)))];
        }

        public long BuiltAtMs { get; }

        public int MembersVersion { get; }

        public IReadOnlyList<Member> Live => _live;

        public Member OwnerOf(ulong keyHash)
        {
            var best = 0;
            var bestScore = 0UL;
            for (var i = 0; i < _live.Length; i++)
            {
                var score = Mix(keyHash ^ _hashes[i]);
                if (i == 0 || score > bestScore)
                {
                    best = i;
                    bestScore = score;
                }
            }

            return _live[best];
        }

        // SplitMix64's finaliser: spreads the XOR of two hashes over all 64 bits.
        private static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
