using System.Diagnostics.Tracing;

namespace Beacon.Client.Benchmarks;

/// <summary>Listens to the runtime's own events (GC, JIT) in this process, at one level and set of keywords.</summary>
internal abstract class RuntimeEventListener(EventLevel level, long keywords) : EventListener
{
    // The runtime's keywords: https://learn.microsoft.com/dotnet/fundamentals/diagnostics/runtime-events
    protected const long GcKeyword = 0x1;
    protected const long JitKeyword = 0x10;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, level, (EventKeywords)keywords);
        }
    }
}
