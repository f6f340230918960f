using Microsoft.Extensions.Logging;

namespace Beacon.Client;

/// <summary>The client's log catalogue. Event ids 4000-4099 belong to Beacon.Client.</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "Beacon client started: {Options}")]
    public static partial void ClientStarted(ILogger logger, string options);

    [LoggerMessage(4001, LogLevel.Warning, "Registry node {Node} failed during {What}: {Reason}")]
    public static partial void NodeFailed(ILogger logger, Uri node, string what, string reason);

    [LoggerMessage(4002, LogLevel.Information, "Registry members now {Nodes}")]
    public static partial void MembersChanged(ILogger logger, string nodes);

    [LoggerMessage(4003, LogLevel.Information, "Registered {Service}/{Id}")]
    public static partial void Registered(ILogger logger, string service, string id);

    [LoggerMessage(4004, LogLevel.Warning, "The registry no longer knew {Service}/{Id} (evicted, or the node lost its state): registered it again")]
    public static partial void Reregistered(ILogger logger, string service, string id);

    [LoggerMessage(4005, LogLevel.Warning, "Heartbeat of {Count} instances failed; retrying at the next interval")]
    public static partial void HeartbeatFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(4006, LogLevel.Information, "Deregistered {Service}/{Id}")]
    public static partial void Deregistered(ILogger logger, string service, string id);

    [LoggerMessage(4007, LogLevel.Warning, "Deregistering {Service}/{Id} failed; the registry will evict it when its lease expires")]
    public static partial void DeregisterFailed(ILogger logger, string service, string id, Exception exception);

    [LoggerMessage(4008, LogLevel.Warning, "No registry node answers: serving {Count} instances of {Service} from the disk cache written at {SavedAt:O}")]
    public static partial void ServingDiskCache(ILogger logger, string service, int count, DateTimeOffset savedAt);

    [LoggerMessage(4009, LogLevel.Warning, "No registry node answers: serving the last known {Count} instances of {Service}")]
    public static partial void ServingLastKnown(ILogger logger, string service, int count);

    [LoggerMessage(4010, LogLevel.Information, "The registry answers again for {Service}: {Count} instances")]
    public static partial void RegistryBack(ILogger logger, string service, int count);

    [LoggerMessage(4011, LogLevel.Warning, "Registry node {Node} does not know {Service} (restarted or warming up?): keeping the last known {Count} instances")]
    public static partial void KeptOnEmptyAnswer(ILogger logger, Uri node, string service, int count);

    [LoggerMessage(4012, LogLevel.Warning, "Writing the disk cache of {Service} failed")]
    public static partial void DiskCacheWriteFailed(ILogger logger, string service, Exception exception);

    [LoggerMessage(4013, LogLevel.Error, "Watching {Service} stopped: {Reason}")]
    public static partial void WatchStopped(ILogger logger, string service, string reason);

    [LoggerMessage(4014, LogLevel.Debug, "Reading the registry members failed")]
    public static partial void MemberRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(4015, LogLevel.Information, "Reported {Service}/{Id} as {Status}")]
    public static partial void StatusReported(ILogger logger, string service, string id, Contracts.InstanceStatus status);

    [LoggerMessage(4016, LogLevel.Warning, "Reading the disk cache of {Service} failed")]
    public static partial void DiskCacheReadFailed(ILogger logger, string service, Exception exception);

    [LoggerMessage(4018, LogLevel.Warning, "The watch stream from {Node} broke ({Reason}); reconnecting")]
    public static partial void WatchStreamBroken(ILogger logger, Uri? node, string reason);

    [LoggerMessage(4017, LogLevel.Warning, "Watching {Service} failed; retrying")]
    public static partial void WatchFailed(ILogger logger, string service, Exception exception);
}
