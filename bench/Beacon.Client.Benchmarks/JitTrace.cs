using System.Diagnostics.Tracing;
using System.Globalization;

namespace Beacon.Client.Benchmarks;

/// <summary>
/// Prints every method the JIT compiles while <see cref="On"/> (the measured rounds), with the time:
/// how to find what a warm-up missed. Turned on by <c>BENCH_JIT_TRACE=1</c>.
/// </summary>
internal sealed class JitTrace() : RuntimeEventListener(EventLevel.Verbose, JitKeyword)
{
    public static JitTrace? Instance { get; } = Environment.GetEnvironmentVariable("BENCH_JIT_TRACE") == "1" ? new JitTrace() : null;

    public volatile bool On;

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (On && e.EventName == "MethodJittingStarted_V1" && e.Payload is { } payload && e.PayloadNames is { } names)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  jit {DateTime.UtcNow:HH:mm:ss.fff} {payload[names.IndexOf("MethodNamespace")]}::{payload[names.IndexOf("MethodName")]}"));
        }
    }
}
