using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Beacon.Client.Benchmarks;

/// <summary>
/// Which types a run allocates, from the runtime's own allocation sampling (an event about every
/// 100 KB allocated, naming the type that crossed the mark): bytes by type are proportional to the
/// events counted. Turned on by <c>BENCH_ALLOCATIONS=1</c>; it costs a little CPU, so runs that
/// report latency leave it off.
/// </summary>
internal sealed class AllocationSampler() : RuntimeEventListener(EventLevel.Verbose, GcKeyword)
{
    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);

    /// <summary>Only events while this is true are counted (the measured part of a run).</summary>
    public volatile bool Measuring;

    public static AllocationSampler? StartIfAsked() =>
        Environment.GetEnvironmentVariable("BENCH_ALLOCATIONS") == "1" ? new AllocationSampler() : null;

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Measuring || e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.Payload is null)
        {
            return;
        }

        var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], CultureInfo.InvariantCulture) : 100_000;
        _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }

    /// <summary>The types that took the most, as a share of everything sampled.</summary>
    public void Print(int top = 30)
    {
        var total = _bytesByType.Values.Sum();
        Console.WriteLine($"Allocations sampled: {total / 1024 / 1024} MB");
        foreach (var (type, bytes) in _bytesByType.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {100.0 * bytes / total,5:F1} %  {type}"));
        }
    }
}
