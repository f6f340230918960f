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

    public static async Task<int> RunAsync(int clients, int rounds)
    {
        using var sampler = AllocationSampler.StartIfAsked();
        await using var node = await InProcessNode.StartAsync();
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        for (var i = 0; i < ServiceSize; i++)
        {
            await RegisterAsync(http, $"seed-{i:D3}");
        }

        Console.WriteLine($"Starting {clients} clients against {node.BaseAddress} ...");
        var watchers = Enumerable.Range(0, clients)
            .Select(_ => new BeaconClientBuilder().WithNodes(node.BaseAddress.ToString()).Configure(o =>
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
            var process = Process.GetCurrentProcess();
            var warmUp = 0;
            var started = Stopwatch.StartNew();
            for (var quiet = 0; warmUp < MaxWarmUpRounds && (started.Elapsed < MinWarmUp || quiet < 3); warmUp++)
            {
                var compiled = JitInfo.GetCompiledMethodCount();
                await RoundAsync(http, watchers, $"warm-up-{warmUp}", clock, process, sampler: null);
                quiet = JitInfo.GetCompiledMethodCount() - compiled <= QuietJitMethods ? quiet + 1 : 0;
            }

            var jitBefore = JitInfo.GetCompilationTime();
            JitTrace.Instance?.On = true;
            var measured = new List<Round>(rounds);
            for (var round = 0; round < rounds; round++)
            {
                measured.Add(await RoundAsync(http, watchers, $"r-{round}", clock, process, sampler));
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

    /// <summary>
    /// When the client's cache first holds <paramref name="id"/> (or, with <paramref name="present"/>
    /// false, first no longer holds it): observed through the views' change
    /// tokens, whose callbacks run the moment a new version is published, so the time recorded is when
    /// the client knows, not when a thread-pool continuation of this harness gets around to looking.
    /// </summary>
    private static Task<TimeSpan> ArrivalAsync(BeaconClient client, string id, bool present, Stopwatch clock)
    {
        var arrival = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        Watch();
        return arrival.Task;

        void Watch()
        {
            client.TryGetCached("bench", out var view);
            if (InstanceList.IndexOf(view!.OrderedInstances, id) >= 0 == present)
            {
                arrival.TrySetResult(clock.Elapsed);
                return;
            }

            view.ChangeToken.Register(Watch);
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
        HttpClient http, BeaconClient[] watchers, string id, Stopwatch clock, Process process, AllocationSampler? sampler)
    {
        // Rounds apart, so each measures one change reaching quiet clients.
        await Task.Delay(200);
        var arrivals = watchers.Select(c => ArrivalAsync(c, id, present: true, clock)).ToArray();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var collections = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes();
        var start = clock.Elapsed;
        sampler?.Measuring = true;
        await RegisterAsync(http, id);
        var times = await Task.WhenAll(arrivals).WaitAsync(TimeSpan.FromSeconds(30));
        sampler?.Measuring = false;
        process.Refresh();
        var round = new Round(
            [.. times.Select(t => (t - start).TotalMilliseconds)],
            process.TotalProcessorTime - cpu,
            GC.GetTotalPauseDuration() - pause,
            GC.CollectionCount(0) - collections,
            GC.GetTotalAllocatedBytes() - allocated);
        await DeregisterAsync(http, watchers, id, clock);
        return round;
    }

    /// <summary>Takes the round's instance out again and waits until every client knows.</summary>
    private static async Task DeregisterAsync(HttpClient http, BeaconClient[] watchers, string id, Stopwatch clock)
    {
        using (var response = await http.DeleteAsync(BeaconRoutes.Instance("bench", id)))
        {
            response.EnsureSuccessStatusCode();
        }

        await Task.WhenAll(watchers.Select(c => ArrivalAsync(c, id, present: false, clock))).WaitAsync(TimeSpan.FromSeconds(60));
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
