namespace Beacon.Cluster.Hosting;

/// <summary>
/// Where the cluster reports what it does, for <c>/metrics</c> (the server's <c>BeaconMetrics</c>
/// implements it). Every call is cheap; none is on the client's request path.
/// </summary>
public interface IClusterMetrics
{
    void SetReplicationBacklog(string peer, long changes);

    void RemovePeer(string peer);

    void Replicated(string peer, int changes);

    /// <param name="peer">The peer node id.</param>
    /// <param name="reason">A short fixed word: <c>timeout</c>, <c>refused</c>, <c>error</c>, <c>overflow</c>, <c>down</c>.</param>
    void ReplicationFailed(string peer, string reason);

    void RecordReplicationLag(string peer, TimeSpan lag);

    void AntiEntropyRound(string peer, int repaired);

    /// <param name="pass">How long this node's digest pass over the registry took.</param>
    /// <param name="interval">The time to the next round (stretched when passes grow long).</param>
    void AntiEntropyPass(TimeSpan pass, TimeSpan interval);

    void SetMembers(int up, int suspect, int down);
}

/// <summary>Reports nothing (a cluster hosted without the server's metrics).</summary>
internal sealed class NoClusterMetrics : IClusterMetrics
{
    public void SetReplicationBacklog(string peer, long changes)
    {
    }

    public void RemovePeer(string peer)
    {
    }

    public void Replicated(string peer, int changes)
    {
    }

    public void ReplicationFailed(string peer, string reason)
    {
    }

    public void RecordReplicationLag(string peer, TimeSpan lag)
    {
    }

    public void AntiEntropyRound(string peer, int repaired)
    {
    }

    public void AntiEntropyPass(TimeSpan pass, TimeSpan interval)
    {
    }

    public void SetMembers(int up, int suspect, int down)
    {
    }
}
