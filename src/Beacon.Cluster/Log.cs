using Microsoft.Extensions.Logging;

namespace Beacon.Cluster;

/// <summary>The cluster's log catalogue. Event ids 2000-2999 belong to Beacon.Cluster.</summary>
internal static partial class Log
{
    [LoggerMessage(2000, LogLevel.Information, "Cluster node {NodeId} (zone {Zone}); members: {Members}")]
    public static partial void ClusterStarting(ILogger logger, string nodeId, string zone, string members);

    [LoggerMessage(2001, LogLevel.Information, "Members changed: {Members}")]
    public static partial void MembersChanged(ILogger logger, string members);

    [LoggerMessage(2002, LogLevel.Information, "Peer {Peer} is {State}")]
    public static partial void PeerState(ILogger logger, string peer, string state);

    [LoggerMessage(2003, LogLevel.Warning, "Replication to {Peer} failed: {Reason}")]
    public static partial void ReplicationFailed(ILogger logger, string peer, string reason);

    [LoggerMessage(2004, LogLevel.Information, "Leases re-sent to {Peer} after lost batches")]
    public static partial void LeasesResynced(ILogger logger, string peer);

    [LoggerMessage(2005, LogLevel.Information, "Copied {Records} records from {Peer} in {Milliseconds} ms; the node is ready")]
    public static partial void Synced(ILogger logger, int records, string peer, long milliseconds);

    [LoggerMessage(2006, LogLevel.Warning, "No peer could give its registry within {Timeout}; serving alone until anti-entropy catches up")]
    public static partial void ServingAlone(ILogger logger, TimeSpan timeout);

    [LoggerMessage(2007, LogLevel.Information, "Anti-entropy: sent {Records} records of {Buckets} differing buckets to {Peer}")]
    public static partial void Repaired(ILogger logger, int records, int buckets, string peer);

    [LoggerMessage(2008, LogLevel.Warning, "Member source {Source} failed: {Reason}")]
    public static partial void SourceFailed(ILogger logger, string source, string reason);

    [LoggerMessage(2009, LogLevel.Warning, "Skipped a replicated item for {Service}/{Id}: {Reason}")]
    public static partial void BadItem(ILogger logger, string service, string id, string reason);

    [LoggerMessage(2010, LogLevel.Information, "Deregistered this node from service beacon")]
    public static partial void SelfDeregistered(ILogger logger);

    [LoggerMessage(2011, LogLevel.Debug, "Copy from {Peer} failed: {Reason}")]
    public static partial void SyncAttemptFailed(ILogger logger, string peer, string reason);

    [LoggerMessage(2012, LogLevel.Information, "Anti-entropy rounds every {Seconds} s now (a digest pass took {PassMs} ms)")]
    public static partial void AntiEntropyInterval(ILogger logger, double seconds, double passMs);
}
