using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Beacon.Client.Discovery;
using Beacon.Contracts;

namespace Beacon.Client.Benchmarks;

/// <summary>
/// The time from a registration to every watching client knowing it: N clients (each its own
/// BeaconClient, connection and long poll) watch one service on an in-process node; each round
/// registers a new instance and records, per client, when its cache first holds it.
/// Budget: p99 at most 50 ms with 1,000 clients.
/// </summary>
internal static class WatchLatency
{
    public static async Task<int> RunAsync(int clients, int rounds)
    {
        await using var node = await InProcessNode.StartAsync();
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        await RegisterAsync(http, "seed");

        Console.WriteLine($"Starting {clients} clients against {node.BaseAddress} ...");
        var watchers = Enumerable.Range(0, clients)
            .Select(_ => new BeaconClientBuilder().WithNodes(node.BaseAddress.ToString()).Configure(o =>
            {
                o.DiskCache = false;
                // A thousand clients connecting at once on two cores: give the first requests time.
                o.RequestTimeout = TimeSpan.FromSeconds(60);
            }).Build())
            .ToArray();
        try
        {
            await Task.WhenAll(watchers.Select(c => c.ResolveAsync("bench").AsTask()));
            var clock = Stopwatch.StartNew();
            var samples = new List<double>(clients * rounds);
            var process = Process.GetCurrentProcess();
            var cpu = TimeSpan.Zero;
            var pause = TimeSpan.Zero;
            var collections = 0;
            var allocated = 0L;
            // The first rounds only make sure every client's watch stream is open and warm.
            const int warmUp = 3;
            for (var round = -warmUp; round < rounds; round++)
            {
                // Rounds apart, so each measures one change reaching quiet clients.
                await Task.Delay(200);
                var id = $"r-{round}";
                if (round < 0)
                {
                    await RegisterAsync(http, id);
                    await Task.WhenAll(watchers.Select(c => ArrivalAsync(c, id, clock))).WaitAsync(TimeSpan.FromSeconds(60));
                    continue;
                }

                var arrivals = watchers.Select(c => ArrivalAsync(c, id, clock)).ToArray();
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var pauseBefore = GC.GetTotalPauseDuration();
                var collectionsBefore = GC.CollectionCount(0);
                var allocatedBefore = GC.GetTotalAllocatedBytes();
                var start = clock.Elapsed;
                await RegisterAsync(http, id);
                foreach (var arrival in await Task.WhenAll(arrivals).WaitAsync(TimeSpan.FromSeconds(30)))
                {
                    samples.Add((arrival - start).TotalMilliseconds);
                }

                process.Refresh();
                cpu += process.TotalProcessorTime - cpuBefore;
                pause += GC.GetTotalPauseDuration() - pauseBefore;
                collections += GC.CollectionCount(0) - collectionsBefore;
                allocated += GC.GetTotalAllocatedBytes() - allocatedBefore;
            }

            samples.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"clients={clients} rounds={rounds} samples={samples.Count}: p50={Percentile(samples, 0.50):F1} ms p90={Percentile(samples, 0.90):F1} ms p99={Percentile(samples, 0.99):F1} ms max={samples[^1]:F1} ms; CPU per round {cpu.TotalMilliseconds / rounds:F0} ms (server and clients, {Environment.ProcessorCount} cores), GC per round {(double)collections / rounds:F1} collections pausing {pause.TotalMilliseconds / rounds:F1} ms, {allocated / rounds / clients} B allocated per client per round"));
            return 0;
        }
        finally
        {
            await Task.WhenAll(watchers.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    /// <summary>
    /// When the client's cache first holds <paramref name="id"/>: observed through the views' change
    /// tokens, whose callbacks run the moment a new version is published, so the time recorded is when
    /// the client knows, not when a thread-pool continuation of this harness gets around to looking.
    /// </summary>
    private static Task<TimeSpan> ArrivalAsync(BeaconClient client, string id, Stopwatch clock)
    {
        var arrival = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        Watch();
        return arrival.Task;

        void Watch()
        {
            client.TryGetCached("bench", out var view);
            if (InstanceList.IndexOf(view!.OrderedInstances, id) >= 0)
            {
                arrival.TrySetResult(clock.Elapsed);
                return;
            }

            view.ChangeToken.Register(Watch);
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
