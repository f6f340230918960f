using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Beacon.Contracts;

namespace Beacon.Server.Metrics;

/// <summary>
/// Instruments the cluster feeds (replication, anti-entropy, membership). Until a cluster runs,
/// nothing calls these methods and the series simply do not appear at <c>/metrics</c>.
/// Every method is cheap and thread-safe; call them from the replication and membership loops.
/// </summary>
public sealed partial class BeaconMetrics
{
    private readonly ConcurrentDictionary<string, long> _replicationBacklog = new(StringComparer.Ordinal);
    private volatile MemberCounts? _members;
    private Counter<long> _replicated = null!;
    private Counter<long> _replicationFailures = null!;
    private Histogram<double> _replicationLag = null!;
    private Counter<long> _antiEntropyRounds = null!;
    private Counter<long> _antiEntropyRepairs = null!;
    private Histogram<double> _antiEntropyPass = null!;
    private double _antiEntropyIntervalSeconds;

    /// <summary>Changes waiting to be sent to <paramref name="peer"/> now (its queue depth).</summary>
    public void SetReplicationBacklog(string peer, long changes) => _replicationBacklog[peer] = changes;

    /// <summary>Forget a peer that left the cluster, so its series stop.</summary>
    public void RemovePeer(string peer) => _replicationBacklog.TryRemove(peer, out _);

    /// <summary><paramref name="changes"/> changes were delivered to <paramref name="peer"/>.</summary>
    public void Replicated(string peer, int changes) => _replicated.Add(changes, Peer(peer));

    /// <summary>
    /// A replication attempt to <paramref name="peer"/> failed; <paramref name="reason"/> is a short,
    /// low-cardinality word such as <c>timeout</c>, <c>refused</c>, <c>http_5xx</c>, <c>rejected</c>.
    /// </summary>
    public void ReplicationFailed(string peer, string reason) =>
        _replicationFailures.Add(1, Peer(peer), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>
    /// Time from a change's commit on this node to its acknowledgement by <paramref name="peer"/>.
    /// </summary>
    public void RecordReplicationLag(string peer, TimeSpan lag) => _replicationLag.Record(lag.TotalSeconds, Peer(peer));

    /// <summary>
    /// One anti-entropy comparison with <paramref name="peer"/> finished; <paramref name="repaired"/>
    /// instances differed and were repaired (0 when the registries agreed).
    /// </summary>
    public void AntiEntropyRound(string peer, int repaired)
    {
        _antiEntropyRounds.Add(1, Peer(peer));
        if (repaired > 0)
        {
            _antiEntropyRepairs.Add(repaired, Peer(peer));
        }
    }

    /// <summary>
    /// This node's digest pass over the registry took <paramref name="pass"/>; rounds now run every
    /// <paramref name="interval"/> (longer than configured when passes grow long).
    /// </summary>
    public void AntiEntropyPass(TimeSpan pass, TimeSpan interval)
    {
        _antiEntropyPass.Record(pass.TotalSeconds);
        Volatile.Write(ref _antiEntropyIntervalSeconds, interval.TotalSeconds);
    }

    /// <summary>The members this node sees in each state, itself included; call on every membership change.</summary>
    public void SetMembers(int up, int suspect, int down) => _members = new MemberCounts(up, suspect, down);

    private void CreateClusterInstruments()
    {
        _meter.CreateObservableGauge("beacon.replication.backlog", ObserveBacklog,
            "{change}", "Changes queued for a peer and not yet acknowledged, by peer");
        _replicated = _meter.CreateCounter<long>("beacon.replication.sent", "{change}",
            "Changes delivered to a peer, by peer");
        _replicationFailures = _meter.CreateCounter<long>("beacon.replication.failures", "{attempt}",
            "Failed replication attempts, by peer and reason");
        _replicationLag = _meter.CreateHistogram("beacon.replication.lag", "s",
            "Seconds from a change's commit to a peer's acknowledgement, by peer",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _antiEntropyRounds = _meter.CreateCounter<long>("beacon.anti_entropy.rounds", "{round}",
            "Anti-entropy comparisons with a peer, by peer");
        _antiEntropyRepairs = _meter.CreateCounter<long>("beacon.anti_entropy.repairs", "{instance}",
            "Instances repaired by anti-entropy (found different from a peer), by peer");
        _antiEntropyPass = _meter.CreateHistogram("beacon.anti_entropy.pass.duration", "s",
            "Seconds one digest pass over the registry took (this node's own rounds)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _meter.CreateObservableGauge("beacon.anti_entropy.interval", ObserveAntiEntropyInterval, "s",
            "Seconds between this node's anti-entropy rounds (stretched beyond the configured interval when digest passes grow long)");
        _meter.CreateObservableGauge("beacon.cluster.members", ObserveMembers,
            "{node}", "Cluster members by state (up, suspect, down) as this node sees them");
    }

    private IEnumerable<Measurement<double>> ObserveAntiEntropyInterval()
    {
        var seconds = Volatile.Read(ref _antiEntropyIntervalSeconds);
        return seconds > 0 ? [new Measurement<double>(seconds)] : []; // no series before a cluster's first round
    }

    private IEnumerable<Measurement<long>> ObserveBacklog()
    {
        foreach (var (peer, changes) in _replicationBacklog)
        {
            yield return new Measurement<long>(changes, Peer(peer));
        }
    }

    private IEnumerable<Measurement<int>> ObserveMembers()
    {
        if (_members is not { } members)
        {
            yield break;
        }

        yield return new Measurement<int>(members.Up, State(MemberState.Up));
        yield return new Measurement<int>(members.Suspect, State(MemberState.Suspect));
        yield return new Measurement<int>(members.Down, State(MemberState.Down));
    }

    private static KeyValuePair<string, object?> Peer(string peer) => new("peer", peer);

    private static KeyValuePair<string, object?> State(MemberState state) => new("state", state switch
    {
        MemberState.Up => "up",
        MemberState.Suspect => "suspect",
        _ => "down",
    });

    private sealed record MemberCounts(int Up, int Suspect, int Down);
}
