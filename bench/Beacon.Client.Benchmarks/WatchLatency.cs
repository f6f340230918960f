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
/// <para>
/// The clients run in this process, or spread over several child processes of this benchmark
/// (<c>--client-processes</c>): one heap and one garbage collector per process, nearer to a
/// deployment (one client per application) than a thousand clients sharing one heap, on the same
/// two cores.
/// </para>
/// </summary>
internal static class WatchLatency
{
    private const int ServiceSize = 100;
    private const string Service = "bench";

    /// <param name="clients">Watching clients in all.</param>
    /// <param name="rounds">Measured rounds.</param>
    /// <param name="nodeProcess">
    /// True: the node is the shipped <c>beacon-server</c> in its own process, as deployed, and the CPU
    /// reported is both processes'. False: the node runs in this process, beside the clients, so the
    /// clients' garbage collections stop the node too (harsher than any deployment).
    /// </param>
    /// <param name="clientProcesses">1: the clients run in this process; more: spread evenly over that many child processes.</param>
    public static async Task<int> RunAsync(int clients, int rounds, bool nodeProcess, int clientProcesses)
    {
        // Every process gets at least one client (a process with none would never see a round arrive).
        clientProcesses = Math.Clamp(clientProcesses, 1, Math.Max(1, clients));
        using var sampler = AllocationSampler.StartIfAsked();
        using var gcPhases = GcPhases.StartIfAsked();
        await using var node = nodeProcess ? await SeparateNode.StartAsync() : null;
        await using var inProcess = nodeProcess ? null : await InProcessNode.StartAsync();
        var baseAddress = node?.BaseAddress ?? inProcess!.BaseAddress;
        using var http = new HttpClient { BaseAddress = baseAddress };
        for (var i = 0; i < ServiceSize; i++)
        {
            await RegisterAsync(http, $"seed-{i:D3}");
        }

        var where = clientProcesses <= 1 ? "in this process" : $"in {clientProcesses} child processes";
        Console.WriteLine($"Starting {clients} clients {where} against {baseAddress} ({(nodeProcess ? "a beacon-server process" : "a node in this process")}) ...");
        var groups = clientProcesses <= 1
            ? [await LocalClients.StartAsync(baseAddress, clients, Service)]
            : await Task.WhenAll(Enumerable.Range(0, clientProcesses).Select(p =>
                StartChildAsync(baseAddress, clients / clientProcesses + (p < clients % clientProcesses ? 1 : 0))));
        try
        {
            var harness = new Harness(http, groups, Process.GetCurrentProcess(), node);
            var warmUp = 0;
            var started = Stopwatch.StartNew();
            for (var quiet = 0; warmUp < MaxWarmUpRounds && (started.Elapsed < MinWarmUp || quiet < 3); warmUp++)
            {
                var round = await harness.RoundAsync($"warm-up-{warmUp}", sampler: null);
                quiet = round.CompiledMethods <= QuietJitMethods ? quiet + 1 : 0;
            }

            var jitBefore = JitInfo.GetCompilationTime();
            JitTrace.Instance?.On = true;
            var measured = new List<Round>(rounds);
            for (var round = 0; round < rounds; round++)
            {
                measured.Add(await harness.RoundAsync($"r-{round}", sampler));
            }

            var jit = JitInfo.GetCompilationTime() - jitBefore;
            var samples = measured.SelectMany(r => r.Arrivals).Order().ToList();
            double PerRound(Func<Round, double> value) => measured.Sum(value) / rounds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warm-up: {warmUp} rounds ({started.Elapsed.TotalSeconds:F0} s), at least {MinWarmUp.TotalSeconds:F0} s and until 3 in a row compiled at most {QuietJitMethods} methods each (in any one process); JIT in this process during the measured rounds {jit.TotalMilliseconds:F0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"clients={clients} processes={clientProcesses} rounds={rounds} samples={samples.Count}: p50={Percentile(samples, 0.50):F1} ms p90={Percentile(samples, 0.90):F1} ms p99={Percentile(samples, 0.99):F1} ms max={samples[^1]:F1} ms (service of {ServiceSize + 1}); CPU per round {PerRound(r => r.Cpu.TotalMilliseconds):F0} ms (node and clients, {Environment.ProcessorCount} cores{(node is null ? "" : $"; node {PerRound(r => r.NodeCpu.TotalMilliseconds):F0} ms")}), GC per round {PerRound(r => r.Collections):F1} collections pausing {PerRound(r => r.Pause.TotalMilliseconds):F1} ms (all processes), {PerRound(r => r.Allocated) / clients:F0} B allocated per client per round"));
            sampler?.Print();
            return 0;
        }
        finally
        {
            await Task.WhenAll(groups.Select(g => g.DisposeAsync().AsTask()));
        }
    }

    private static async Task<ClientGroup> StartChildAsync(Uri node, int count) => await ChildClients.StartAsync(node, count, Service);

    // Warm-up: rounds exactly like the measured ones, until the JIT has settled. Tiered compilation
    // re-compiles hot methods (with profile-guided optimisation) for a while after start, code that
    // runs once per round (the registration itself) needs ~60 rounds to reach its final tier, and the
    // clients' periodic work (the member refresh, every 30 s) first runs hot after 30 s; a round in
    // that time costs up to half again the CPU of a later one. Watching clients run for hours: the
    // steady state is what the budget is about.
    private static readonly TimeSpan MinWarmUp = TimeSpan.FromSeconds(40);
    private const int MaxWarmUpRounds = 300;
    private const int QuietJitMethods = 5;

    /// <summary>
    /// One round's figures: each client's delay in ms; CPU of every process involved; collections,
    /// pauses and bytes allocated in every process; the most methods any one process compiled.
    /// </summary>
    private sealed record Round(List<double> Arrivals, TimeSpan Cpu, TimeSpan NodeCpu, TimeSpan Pause, int Collections, long Allocated, long CompiledMethods);

    private sealed class Harness(HttpClient http, ClientGroup[] groups, Process self, SeparateNode? node)
    {
        private readonly long[] _compiled = new long[groups.Length];

        /// <summary>One round: register an instance, time its arrival at every client, deregister it again.</summary>
        public async Task<Round> RoundAsync(string id, AllocationSampler? sampler)
        {
            // Rounds apart, so each measures one change reaching quiet clients.
            await Task.Delay(200);
            await Task.WhenAll(groups.Select(g => g.ArmAsync(id, present: true)));
            var compiled = JitInfo.GetCompiledMethodCount();
            var cpu = Cpu();
            var nodeCpu = NodeCpu();
            var pause = GC.GetTotalPauseDuration();
            var collections = GC.CollectionCount(0);
            var allocated = GC.GetTotalAllocatedBytes();
            var start = Stopwatch.GetTimestamp();
            sampler?.Measuring = true;
            await RegisterAsync(http, id);
            var arrived = await Task.WhenAll(groups.Select(g => g.ArrivedAsync()));
            sampler?.Measuring = false;
            var round = new Round(
                [.. arrived.SelectMany(a => a.Timestamps).Select(t => Stopwatch.GetElapsedTime(start, t).TotalMilliseconds)],
                Cpu() - cpu,
                NodeCpu() - nodeCpu,
                GC.GetTotalPauseDuration() - pause + arrived.Aggregate(TimeSpan.Zero, (sum, a) => sum + a.Pause),
                GC.CollectionCount(0) - collections + arrived.Sum(a => a.Collections),
                GC.GetTotalAllocatedBytes() - allocated + arrived.Sum(a => a.Allocated),
                JitInfo.GetCompiledMethodCount() - compiled);
            if (GC.CollectionCount(0) > collections && Environment.GetEnvironmentVariable("BENCH_GC_TRACE") == "1")
            {
                var info = GC.GetGCMemoryInfo(GCKind.Any);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  gc #{info.Index} gen{info.Generation} {(info.Concurrent ? "bgc" : "")} pause {info.PauseDurations[0].TotalMilliseconds:F1} ms, promoted {info.PromotedBytes / 1024} KB, heap {info.HeapSizeBytes / 1024 / 1024} MB, round p99 {round.Arrivals.Max():F1} ms"));
            }

            await DeregisterAsync(id);
            return round with { CompiledMethods = Math.Max(round.CompiledMethods, ChildCompiledMethods(arrived)) };
        }

        /// <summary>Takes the round's instance out again and waits until every client knows.</summary>
        private async Task DeregisterAsync(string id)
        {
            await Task.WhenAll(groups.Select(g => g.ArmAsync(id, present: false)));
            using (var response = await http.DeleteAsync(BeaconRoutes.Instance(Service, id)))
            {
                response.EnsureSuccessStatusCode();
            }

            await Task.WhenAll(groups.Select(g => g.ArrivedAsync()));
        }

        /// <summary>The most methods a child process compiled since the previous round.</summary>
        private long ChildCompiledMethods(GroupArrivals[] arrived)
        {
            var most = 0L;
            for (var i = 0; i < groups.Length; i++)
            {
                if (groups[i] is ChildClients)
                {
                    most = Math.Max(most, arrived[i].CompiledMethods - _compiled[i]);
                    _compiled[i] = arrived[i].CompiledMethods;
                }
            }

            return most;
        }

        private TimeSpan Cpu()
        {
            self.Refresh();
            return self.TotalProcessorTime + NodeCpu() + groups.Aggregate(TimeSpan.Zero, (sum, g) => sum + g.ExtraCpuTime);
        }

        /// <summary>The node's CPU time when it runs as its own process; zero when it shares this one.</summary>
        private TimeSpan NodeCpu() => node?.Process.CpuTime ?? TimeSpan.Zero;
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
