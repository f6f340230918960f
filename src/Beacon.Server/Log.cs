using Microsoft.Extensions.Logging;

namespace Beacon.Server;

/// <summary>The server's log catalogue. Event ids 1000-1999 belong to Beacon.Server.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Beacon node {NodeId} (zone {Zone}) started; lease {LeaseSeconds} s, eviction every {EvictionInterval}, self-preservation {SelfPreservation}")]
    public static partial void NodeStarted(ILogger logger, string nodeId, string zone, int leaseSeconds, TimeSpan evictionInterval, string selfPreservation);

    [LoggerMessage(1001, LogLevel.Information, "Evicted {Evicted} of {Expired} expired instances")]
    public static partial void Evicted(ILogger logger, int evicted, int expired);

    [LoggerMessage(1002, LogLevel.Warning, "Self-preservation ON: {Actual:F0} renewals in the last minute, expected {Expected:F0} (threshold {Threshold:P0}); expired instances are kept unless silent for over {Ceiling}")]
    public static partial void SelfPreservationOn(ILogger logger, double actual, double expected, double threshold, TimeSpan ceiling);

    [LoggerMessage(1003, LogLevel.Information, "Self-preservation off: {Actual:F0} renewals in the last minute, expected {Expected:F0}")]
    public static partial void SelfPreservationOff(ILogger logger, double actual, double expected);

    [LoggerMessage(1004, LogLevel.Warning, "Self-preservation is keeping {Protected} expired instances")]
    public static partial void Protected(ILogger logger, int @protected);

    [LoggerMessage(1005, LogLevel.Error, "Eviction sweep failed")]
    public static partial void EvictionFailed(ILogger logger, Exception exception);

    [LoggerMessage(1006, LogLevel.Information, "Quiet after a burst: gave memory back, GC committed {BeforeMb} MB -> {AfterMb} MB (live {LiveMb} MB) in a {PauseMs:F0} ms collection")]
    public static partial void MemoryTrimmed(ILogger logger, long beforeMb, long afterMb, long liveMb, double pauseMs);
}
