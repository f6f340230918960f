using System.Diagnostics;
using System.Net.Http.Json;
using Beacon.Contracts;

namespace Beacon.Client.Benchmarks;

internal static class RawPoll
{
    public static async Task<int> RunAsync(int clients, int rounds, bool parse)
    {
        await using var node = await InProcessNode.StartAsync();
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        await Put(http, "seed");
        var handlers = Enumerable.Range(0, clients).Select(_ => new HttpClient(new SocketsHttpHandler()) { BaseAddress = node.BaseAddress, Timeout = Timeout.InfiniteTimeSpan }).ToArray();
        var revs = new long[clients];
        var got = new TaskCompletionSource[clients];
        using var stop = new CancellationTokenSource();
        var loops = handlers.Select((h, i) => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var r = await h.GetAsync($"/v1/services/bench?status=all&healthy=any&index={revs[i]}&wait=30000ms", HttpCompletionOption.ResponseContentRead, stop.Token);
                if (r.StatusCode == System.Net.HttpStatusCode.OK)
                {
                    if (parse) { var body = await r.Content.ReadFromJsonAsync(BeaconJsonContext.Default.ServiceInstances); revs[i] = body!.Revision; }
                    else { revs[i] = long.Parse(r.Headers.GetValues(BeaconHeaders.Revision).First(), System.Globalization.CultureInfo.InvariantCulture); await r.Content.ReadAsByteArrayAsync(); }
                    got[i]?.TrySetResult();
                }
            }
        })).ToArray();
        await Task.Delay(1000);
        var process = Process.GetCurrentProcess();
        var cpu = TimeSpan.Zero; var wall = TimeSpan.Zero;
        for (var round = 0; round < rounds; round++)
        {
            await Task.Delay(200);
            for (var i = 0; i < clients; i++) got[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.Refresh(); var c0 = process.TotalProcessorTime; var sw = Stopwatch.StartNew();
            await Put(http, $"r{round}");
            await Task.WhenAll(got.Select(g => g.Task));
            wall += sw.Elapsed; process.Refresh(); cpu += process.TotalProcessorTime - c0;
        }
        Console.WriteLine($"raw parse={parse} clients={clients}: wall/round {wall.TotalMilliseconds / rounds:F0} ms, cpu/round {cpu.TotalMilliseconds / rounds:F0} ms");
        await stop.CancelAsync();
        try { await Task.WhenAll(loops); } catch (OperationCanceledException) { }
        return 0;
    }

    private static async Task Put(HttpClient http, string id)
    {
        using var response = await http.PutAsJsonAsync(BeaconRoutes.Instance("bench", id),
            new RegisterInstanceRequest { Addresses = ["http://127.0.0.1:9"] }, BeaconJsonContext.Default.RegisterInstanceRequest);
        response.EnsureSuccessStatusCode();
    }
}
