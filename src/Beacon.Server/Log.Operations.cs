using Microsoft.Extensions.Logging;

namespace Beacon.Server;

/// <summary>Events of the operator-facing parts (console, metrics): ids 1900-1949, apart from the core's.</summary>
internal static partial class Log
{
    [LoggerMessage(1900, LogLevel.Information, "Web console at {ConsoleUrl}, Prometheus metrics at {MetricsUrl}")]
    public static partial void OperatorLinks(ILogger logger, string consoleUrl, string metricsUrl);
}
