using System.Diagnostics;
using System.Net.Http.Json;
using Beacon.Contracts;

namespace Beacon.Client.Benchmarks;

internal static class RawSse
{
    public static async Task<int> RunAsync(int clients, int rounds)
    {
        await using var node = await InProcessNode.StartAsync();
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        await Put(http, "seed");
        var handlers = Enumerable.Range(0, clients).Select(_ => new HttpClient(new SocketsHttpHandler()) { BaseAddress = node.BaseAddress, Timeout = Timeout.InfiniteTimeSpan }).ToArray();
        var got = new TaskCompletionSource[clients];
        var ready = Enumerable.Range(0, clients).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        using var stop = new CancellationTokenSource();
        var loops = handlers.Select((h, i) => Task.Run(async () =>
        {
            using var r = await h.GetAsync("/v1/watch?services=bench", HttpCompletionOption.ResponseHeadersRead, stop.Token);
            using var reader = new StreamReader(await r.Content.ReadAsStreamAsync(stop.Token));
            string? ev = null;
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) { ev = line[7..]; ready[i].TrySetResult(); }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && ev == "change")
                {
                    var change = System.Text.Json.JsonSerializer.Deserialize(line.AsSpan(6), BeaconJsonContext.Default.ChangeInfo);
                    got[i]?.TrySetResult();
                }
            }
        })).ToArray();
        await Task.WhenAll(ready.Select(r => r.Task));
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
        Console.WriteLine($"raw sse clients={clients}: wall/round {wall.TotalMilliseconds / rounds:F0} ms, cpu/round {cpu.TotalMilliseconds / rounds:F0} ms");
        await stop.CancelAsync();
        try { await Task.WhenAll(loops); } catch (Exception) { }
        return 0;
    }

    private static async Task Put(HttpClient http, string id)
    {
        using var response = await http.PutAsJsonAsync(BeaconRoutes.Instance("bench", id),
            new RegisterInstanceRequest { Addresses = ["http://127.0.0.1:9"] }, BeaconJsonContext.Default.RegisterInstanceRequest);
        response.EnsureSuccessStatusCode();
    }
}
