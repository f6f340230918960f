using System.Diagnostics.Tracing;
using System.Globalization;

namespace Beacon.Client.Benchmarks;

/// <summary>
/// Prints each garbage collection's pause split into suspending the threads, the collector's work and
/// restarting them: whether a long pause is the collector or threads slow to stop (two busy cores,
/// a few dozen threads). Turned on by <c>BENCH_GC_TRACE=1</c>, with the per-round GC lines.
/// </summary>
internal sealed class GcPhases() : RuntimeEventListener(EventLevel.Informational, GcKeyword)
{
    private DateTime _suspendBegin;
    private DateTime _suspendEnd;
    private DateTime _restartBegin;

    public static GcPhases? StartIfAsked() =>
        Environment.GetEnvironmentVariable("BENCH_GC_TRACE") == "1" ? new GcPhases() : null;

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventName)
        {
            case "GCSuspendEEBegin_V1":
                _suspendBegin = e.TimeStamp;
                break;
            case "GCSuspendEEEnd_V1":
                _suspendEnd = e.TimeStamp;
                break;
            case "GCRestartEEBegin_V1":
                _restartBegin = e.TimeStamp;
                break;
            case "GCRestartEEEnd_V1":
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  gc pause: suspend {(_suspendEnd - _suspendBegin).TotalMilliseconds:F1} ms, collect {(_restartBegin - _suspendEnd).TotalMilliseconds:F1} ms, restart {(e.TimeStamp - _restartBegin).TotalMilliseconds:F1} ms"));
                break;
        }
    }
}
