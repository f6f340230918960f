using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime;
using Beacon.Client.Discovery;
using Beacon.Contracts;

namespace Beacon.Client.Benchmarks;

/// <summary>
/// The time from a registration to every watching client knowing it: N clients (each its own
/// BeaconClient, connection and watch stream) watch one service of 100 instances on an in-process
/// node; each round registers a new instance and records, per client, when its cache first holds it,
/// then deregisters it again (outside the measurement), so every round sees the same service size.
/// Budget: p99 at most 50 ms with 1,000 clients.
/// </summary>
internal static class WatchLatency
{
    private const int ServiceSize = 100;

    /// <param name="nodeProcess">
    /// True: the node is the shipped <c>beacon-server</c> in its own process, as deployed, and the CPU
    /// reported is both processes'. False: the node runs in this process, beside the clients, so the
    /// clients' garbage collections stop the node too (harsher than any deployment).
    /// </param>
    public static async Task<int> RunAsync(int clients, int rounds, bool nodeProcess)
    {
        using var sampler = AllocationSampler.StartIfAsked();
        using var gcPhases = GcPhases.StartIfAsked();
        await using var node = nodeProcess ? await SeparateNode.StartAsync() : null;
        await using var inProcess = nodeProcess ? null : await InProcessNode.StartAsync();
        var baseAddress = node?.BaseAddress ?? inProcess!.BaseAddress;
        Func<TimeSpan> nodeCpu = node is null ? () => TimeSpan.Zero : () => node.Process.CpuTime;
        using var http = new HttpClient { BaseAddress = baseAddress };
        for (var i = 0; i < ServiceSize; i++)
        {
            await RegisterAsync(http, $"seed-{i:D3}");
        }

        Console.WriteLine($"Starting {clients} clients against {baseAddress} ({(nodeProcess ? "a beacon-server process" : "a node in this process")}) ...");
        var watchers = Enumerable.Range(0, clients)
            .Select(_ => new BeaconClientBuilder().WithNodes(baseAddress.ToString()).Configure(o =>
            {
                o.DiskCache = false;
                // A thousand clients connecting at once on two cores: give the first requests time.
                o.RequestTimeout = TimeSpan.FromSeconds(60);
                o.ConnectTimeout = TimeSpan.FromSeconds(30);
            }).Build())
            .ToArray();
        try
        {
            await Task.WhenAll(watchers.Select(c => c.ResolveAsync("bench").AsTask()));
            var clock = Stopwatch.StartNew();
            var observers = watchers.Select(c => new ArrivalObserver(c, "bench", clock)).ToArray();
            var process = Process.GetCurrentProcess();
            var warmUp = 0;
            var started = Stopwatch.StartNew();
            for (var quiet = 0; warmUp < MaxWarmUpRounds && (started.Elapsed < MinWarmUp || quiet < 3); warmUp++)
            {
                var compiled = JitInfo.GetCompiledMethodCount();
                await RoundAsync(http, observers, $"warm-up-{warmUp}", clock, () => Cpu(process) + nodeCpu(), sampler: null);
                quiet = JitInfo.GetCompiledMethodCount() - compiled <= QuietJitMethods ? quiet + 1 : 0;
            }

            var jitBefore = JitInfo.GetCompilationTime();
            JitTrace.Instance?.On = true;
            var measured = new List<Round>(rounds);
            for (var round = 0; round < rounds; round++)
            {
                measured.Add(await RoundAsync(http, observers, $"r-{round}", clock, () => Cpu(process) + nodeCpu(), sampler));
            }

            var jit = JitInfo.GetCompilationTime() - jitBefore;
            var samples = measured.SelectMany(r => r.Arrivals).Order().ToList();
            double PerRound(Func<Round, double> value) => measured.Sum(value) / rounds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warm-up: {warmUp} rounds ({started.Elapsed.TotalSeconds:F0} s), at least {MinWarmUp.TotalSeconds:F0} s and until 3 in a row compiled at most {QuietJitMethods} methods each; JIT during the measured rounds {jit.TotalMilliseconds:F0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"clients={clients} rounds={rounds} samples={samples.Count}: p50={Percentile(samples, 0.50):F1} ms p90={Percentile(samples, 0.90):F1} ms p99={Percentile(samples, 0.99):F1} ms max={samples[^1]:F1} ms (service of {ServiceSize + 1}); CPU per round {PerRound(r => r.Cpu.TotalMilliseconds):F0} ms (server and clients, {Environment.ProcessorCount} cores), GC per round {PerRound(r => r.Collections):F1} collections pausing {PerRound(r => r.Pause.TotalMilliseconds):F1} ms, {PerRound(r => r.Allocated) / clients:F0} B allocated per client per round"));
            sampler?.Print();
            return 0;
        }
        finally
        {
            await Task.WhenAll(watchers.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    // Warm-up: rounds exactly like the measured ones, until the JIT has settled. Tiered compilation
    // re-compiles hot methods (with profile-guided optimisation) for a while after start, code that
    // runs once per round (the registration itself) needs ~60 rounds to reach its final tier, and the
    // clients' periodic work (the member refresh, every 30 s) first runs hot after 30 s; a round in
    // that time costs up to half again the CPU of a later one. Watching clients run for hours: the
    // steady state is what the budget is about.
    private static readonly TimeSpan MinWarmUp = TimeSpan.FromSeconds(40);
    private const int MaxWarmUpRounds = 300;
    private const int QuietJitMethods = 5;

    private sealed record Round(List<double> Arrivals, TimeSpan Cpu, TimeSpan Pause, int Collections, long Allocated);

    /// <summary>One round: register an instance, time its arrival at every client, deregister it again.</summary>
    private static async Task<Round> RoundAsync(
        HttpClient http, ArrivalObserver[] watchers, string id, Stopwatch clock, Func<TimeSpan> cpuTime, AllocationSampler? sampler)
    {
        // Rounds apart, so each measures one change reaching quiet clients.
        await Task.Delay(200);
        var arrivals = new ArrivalRound(watchers.Length);
        foreach (var watcher in watchers)
        {
            watcher.Expect(id, present: true, arrivals);
        }

        var cpu = cpuTime();
        var pause = GC.GetTotalPauseDuration();
        var collections = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes();
        var start = clock.Elapsed;
        sampler?.Measuring = true;
        await RegisterAsync(http, id);
        await arrivals.All.WaitAsync(TimeSpan.FromSeconds(30));
        sampler?.Measuring = false;
        var round = new Round(
            [.. watchers.Select(w => (w.Arrival - start).TotalMilliseconds)],
            cpuTime() - cpu,
            GC.GetTotalPauseDuration() - pause,
            GC.CollectionCount(0) - collections,
            GC.GetTotalAllocatedBytes() - allocated);
        if (round.Collections > 0 && Environment.GetEnvironmentVariable("BENCH_GC_TRACE") == "1")
        {
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  gc #{info.Index} gen{info.Generation} {(info.Concurrent ? "bgc" : "")} pause {info.PauseDurations[0].TotalMilliseconds:F1} ms, promoted {info.PromotedBytes / 1024} KB, heap {info.HeapSizeBytes / 1024 / 1024} MB, round p99 {round.Arrivals.Max():F1} ms"));
        }

        await DeregisterAsync(http, watchers, id);
        return round;
    }

    /// <summary>Takes the round's instance out again and waits until every client knows.</summary>
    private static async Task DeregisterAsync(HttpClient http, ArrivalObserver[] watchers, string id)
    {
        using (var response = await http.DeleteAsync(BeaconRoutes.Instance("bench", id)))
        {
            response.EnsureSuccessStatusCode();
        }

        var removed = new ArrivalRound(watchers.Length);
        foreach (var watcher in watchers)
        {
            watcher.Expect(id, present: false, removed);
        }

        await removed.All.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static TimeSpan Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>The shipped node in its own process on a free loopback port; killed on dispose.</summary>
    private sealed class SeparateNode : IAsyncDisposable
    {
        private SeparateNode(ClusterBench.NodeProcess process) => Process = process;

        public ClusterBench.NodeProcess Process { get; }

        public Uri BaseAddress => Process.Url;

        public static async Task<SeparateNode> StartAsync()
        {
            var process = ClusterBench.NodeProcess.Start($"127.0.0.1:{ClusterBench.FreePort.Next()}", []);
            using var http = new HttpClient();
            await process.WaitReadyAsync(http, TimeSpan.FromSeconds(60));
            return new SeparateNode(process);
        }

        public ValueTask DisposeAsync()
        {
            Process.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private static async Task RegisterAsync(HttpClient http, string id)
    {
        using var response = await http.PutAsJsonAsync(BeaconRoutes.Instance("bench", id),
            new RegisterInstanceRequest { Addresses = ["http://127.0.0.1:9"] }, BeaconJsonContext.Default.RegisterInstanceRequest);
        response.EnsureSuccessStatusCode();
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
