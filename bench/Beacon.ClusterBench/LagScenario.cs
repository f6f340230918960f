using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Beacon.Contracts;

namespace Beacon.ClusterBench;

/// <summary>
/// Replication lag: registrations sent to node A at a fixed (open-loop) rate; node C is watched over
/// SSE; the lag of a write is the time from A's acknowledgement to C's change event.
/// </summary>
internal static class LagScenario
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    /// <summary>After the first warm-up, more steps of this length until the JIT has settled.</summary>
    private static readonly TimeSpan WarmUpStep = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(90);

    /// <summary>Settled: the three nodes together spent less than this share of one step compiling.</summary>
    private const double SettledJitShare = 0.02;

    /// <param name="CpuPerWriteUs">CPU time of all three nodes during the measured phase, per write.</param>
    /// <param name="NodeCpuPerWriteUs">The same for each node (A takes the writes, C is watched).</param>
    /// <param name="InstancesBefore">Instances registered when the measured phase began (it adds one per write).</param>
    /// <param name="JitShare">The share of that CPU time the nodes spent in the JIT.</param>
    /// <param name="WarmUpSeconds">How long the load ran before the measured phase.</param>
    /// <param name="GcPauseMs">Each node's time paused in garbage collection during the measured phase (A, B, C).</param>
    /// <param name="GcCounts">Each node's collections of generation 0, 1 and 2 during the measured phase.</param>
    /// <param name="BenchCpuPerWriteUs">CPU time of this process (the writer and the watcher) per write: it shares the cores with the nodes.</param>
    public sealed record Result(
        int Rate, double AchievedRate, double P50, double P99, double Max, int Writes, int Missing, double CpuPerWriteUs,
        double JitShare, double WarmUpSeconds, double BenchCpuPerWriteUs, IReadOnlyList<double> GcPauseMs, IReadOnlyList<int[]> GcCounts,
        IReadOnlyList<double> NodeCpuPerWriteUs, int InstancesBefore);

    /// <param name="httpClientWriter">Send with HttpClient (as before 2026-11-26) instead of the raw client: shows what the writer's own CPU costs the nodes.</param>
    public static async Task<Result> RunAsync(int rate, TimeSpan duration, bool httpClientWriter = false)
    {
        var ids = Enumerable.Range(0, 3).Select(_ => $"127.0.0.1:{FreePort.Next()}").ToArray();
        var nodes = ids.Select(id => NodeProcess.Start(id, ids)).ToList();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            foreach (var node in nodes)
            {
                await node.WaitReadyAsync(http, TimeSpan.FromSeconds(30));
            }

            await using var raw = httpClientWriter ? null : await LagWriter.ConnectAsync(nodes[0].Url, connections: 128);
            Func<TimeSpan, string, ConcurrentDictionary<string, long>, int, Task> write = raw is null
                ? (length, prefix, into, version) => WriteAsync(http, nodes[0].Url, rate, length, prefix, into, version)
                : (length, prefix, into, version) => raw.WriteAsync(rate, length, prefix, into, version);
            var seen = new ConcurrentDictionary<string, long>();
            using var watchStop = new CancellationTokenSource();
            var watch = WatchAsync(http, nodes[2].Url, seen, watchStop.Token);
            await Task.Delay(200); // the stream's snapshot events arrive first

            // Fresh processes: the JIT compiles and then recompiles (tiering, PGO) the write, replication
            // and watch paths; on 2 cores shared by three nodes and the load that takes far longer than
            // 10 s (a third of the nodes' CPU was still the JIT 15-25 s after start). Counted, it would
            // be the nodes' CPU per write and show up as lag, so the load runs until the JIT settles.
            // The steps after the first update the instances it registered (a new version each step:
            // replicated and watched like any write) instead of adding new ones: with new ids the
            // registry at the measured phase was as large as the JIT was slow (65-95 s of warm-up,
            // 0.7-1 million instances), and its size, through the collector, moved the p99 two-fold.
            var warmUp = Stopwatch.StartNew();
            var registered = new ConcurrentDictionary<string, long>();
            await write(WarmUp, "warm", registered, 0);
            for (var step = 0; warmUp.Elapsed < WarmUpLimit; step++)
            {
                var jitBefore = await NodeProcess.JitTimeAsync(http, nodes);
                await write(WarmUpStep, "warm", new ConcurrentDictionary<string, long>(), step + 1);
                if ((await NodeProcess.JitTimeAsync(http, nodes) - jitBefore) < WarmUpStep * SettledJitShare)
                {
                    break;
                }
            }

            var acked = new ConcurrentDictionary<string, long>();
            var cpuBefore = nodes.Select(n => n.CpuTime.TotalMicroseconds).ToArray();
            var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var gcBefore = await Task.WhenAll(nodes.Select(n => n.GcPauseAsync(http)));
            var gcCountsBefore = await Task.WhenAll(nodes.Select(n => n.GcCountsAsync(http)));
            var jitAtStart = await NodeProcess.JitTimeAsync(http, nodes);
            var warmedUpFor = warmUp.Elapsed.TotalSeconds;
            var clock = Stopwatch.StartNew();
            var measuredFrom = Stopwatch.GetTimestamp();
            await write(duration, "m", acked, 0);
            var achieved = acked.Count / clock.Elapsed.TotalSeconds;
            var nodeCpu = nodes.Select((n, i) => n.CpuTime.TotalMicroseconds - cpuBefore[i]).ToArray();
            var cpu = nodeCpu.Sum();
            var benchCpu = (Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore).TotalMicroseconds;
            var gcAfter = await Task.WhenAll(nodes.Select(n => n.GcPauseAsync(http)));
            var gcPauseMs = gcAfter.Zip(gcBefore, (after, before) => (after - before).TotalMilliseconds).ToList();
            var gcCounts = (await Task.WhenAll(nodes.Select(n => n.GcCountsAsync(http))))
                .Zip(gcCountsBefore, (after, before) => after.Zip(before, (a, b) => a - b).ToArray()).ToList();
            var jitShare = (await NodeProcess.JitTimeAsync(http, nodes) - jitAtStart).TotalMicroseconds / Math.Max(1, cpu);
            var cpuPerWrite = cpu / Math.Max(1, acked.Count);

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline && acked.Keys.Any(k => !seen.ContainsKey(k)))
            {
                await Task.Delay(50);
            }

            await watchStop.CancelAsync();
            var measured = acked.Where(a => seen.ContainsKey(a.Key))
                .Select(a => (AckedAt: a.Value, LagMs: Math.Max(0, (seen[a.Key] - a.Value) * 1000.0 / Stopwatch.Frequency)))
                .ToList();
            var lags = measured.Select(m => m.LagMs).ToList();
            WriteTimeline(measured, measuredFrom);
            var missing = acked.Count - lags.Count;
            return new Result(rate, achieved, Percentiles.Of(lags, 50), Percentiles.Of(lags, 99), lags.Count == 0 ? double.NaN : lags.Max(),
                acked.Count, missing, cpuPerWrite, jitShare, warmedUpFor, benchCpu / Math.Max(1, acked.Count), gcPauseMs, gcCounts,
                [.. nodeCpu.Select(c => c / Math.Max(1, acked.Count))], registered.Count);
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    /// <summary>
    /// With <c>BENCH_LAG_TIMELINE=file</c>, writes one CSV line per measured write (ms since the
    /// measured phase began when it was acknowledged, its lag in ms): shows whether slow writes come
    /// in bursts (a pause, a periodic task) or spread evenly (a saturated machine).
    /// </summary>
    private static void WriteTimeline(List<(long AckedAt, double LagMs)> measured, long from)
    {
        if (Environment.GetEnvironmentVariable("BENCH_LAG_TIMELINE") is not { Length: > 0 } path)
        {
            return;
        }

        var lines = measured
            .Select(m => (At: (m.AckedAt - from) * 1000.0 / Stopwatch.Frequency, m.LagMs))
            .OrderBy(x => x.At)
            .Select(x => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{x.At:F1},{x.LagMs:F1}"));
        File.WriteAllLines(path, ["acked_ms,lag_ms", .. lines]);
    }

    /// <summary>Sends registrations at <paramref name="rate"/> per second for <paramref name="duration"/>, open loop, with HttpClient.</summary>
    private static async Task WriteAsync(HttpClient http, Uri node, int rate, TimeSpan duration, string prefix, ConcurrentDictionary<string, long> acked, int version)
    {
        var body = Encoding.UTF8.GetString(LagWriter.Body(version));
        var inFlight = new SemaphoreSlim(512);
        var pending = new List<Task>();
        await LagWriter.PaceAsync(rate, duration, async n =>
        {
            await inFlight.WaitAsync();
            pending.Add(SendAsync(http, node, $"lag-{n % LagWriter.Services}", $"{prefix}-{n}", body, acked, inFlight));
        });
        await Task.WhenAll(pending);
    }

    private static async Task SendAsync(HttpClient http, Uri node, string service, string id, string body,
        ConcurrentDictionary<string, long> acked, SemaphoreSlim inFlight)
    {
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PutAsync(new Uri(node, BeaconRoutes.Instance(service, id)), content);
            if (response.IsSuccessStatusCode)
            {
                acked[id] = Stopwatch.GetTimestamp();
            }
        }
        finally
        {
            inFlight.Release();
        }
    }

    /// <summary>
    /// The instance id of a change event's data line, found without parsing the whole event (the
    /// watcher shares the cores with the nodes): the first <c>"id"</c> inside <c>"instance"</c>.
    /// </summary>
    internal static string InstanceId(string dataLine)
    {
        var instance = dataLine.IndexOf("\"instance\":{", StringComparison.Ordinal);
        var key = instance < 0 ? -1 : dataLine.IndexOf("\"id\":\"", instance, StringComparison.Ordinal);
        if (key < 0)
        {
            throw new InvalidDataException($"A change event without an instance id: {dataLine}");
        }

        var start = key + 6;
        return dataLine[start..dataLine.IndexOf('"', start)];
    }

    /// <summary>Records when each instance's change event arrives on node C's watch stream.</summary>
    private static async Task WatchAsync(HttpClient http, Uri node, ConcurrentDictionary<string, long> seen, CancellationToken stop)
    {
        var services = string.Join(",", Enumerable.Range(0, LagWriter.Services).Select(i => $"lag-{i}"));
        try
        {
            using var response = await http.GetAsync(new Uri(node, $"{BeaconRoutes.Watch}?services={services}"), HttpCompletionOption.ResponseHeadersRead, stop);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            var isChange = false;
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    isChange = line == "event: change";
                }
                else if (isChange && line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    var now = Stopwatch.GetTimestamp();
                    seen.TryAdd(InstanceId(line), now);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
