using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Beacon.Contracts;

namespace Beacon.ClusterBench;

/// <summary>
/// Join: two nodes hold <c>instances</c> instances (100 per service); a third node starts; the time
/// from its process start to <c>/readyz</c> answering 200, and the time its log reports for copying.
/// The third node joins a cluster at rest: after the load, the two members' JIT is left to settle
/// first, as in a cluster that has been running (their compiling the load's code would otherwise
/// take, on two shared cores, CPU the joining node does not compete for in a deployment).
/// </summary>
internal static partial class JoinScenario
{
    private static readonly TimeSpan SettleStep = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(60);
    private const double SettledJitShare = 0.02;

    public sealed record Result(int Instances, double ReadyMs, double CopyMs, long Copied, double SettleSeconds);

    public static async Task<Result> RunAsync(int instances)
    {
        var ids = Enumerable.Range(0, 3).Select(_ => $"127.0.0.1:{FreePort.Next()}").ToArray();
        var nodes = ids.Take(2).Select(id => NodeProcess.Start(id, ids)).ToList();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            foreach (var node in nodes)
            {
                await node.WaitReadyAsync(http, TimeSpan.FromSeconds(30));
            }

            await LoadAsync(http, nodes[0].Url, instances);
            await WaitForCountAsync(http, nodes[1].Url, instances);
            var settle = Stopwatch.StartNew();
            while (settle.Elapsed < MaxSettle)
            {
                var jit = await NodeProcess.JitTimeAsync(http, nodes);
                await Task.Delay(SettleStep);
                if (await NodeProcess.JitTimeAsync(http, nodes) - jit < SettleStep * SettledJitShare)
                {
                    break;
                }
            }

            var clock = Stopwatch.StartNew();
            var joiner = NodeProcess.Start(ids[2], ids);
            nodes.Add(joiner);
            await joiner.WaitReadyAsync(http, TimeSpan.FromSeconds(120));
            var readyMs = clock.Elapsed.TotalMilliseconds;
            var match = Copied().Match(joiner.Log);
            return new Result(instances, readyMs,
                match.Success ? double.Parse(match.Groups["ms"].Value, System.Globalization.CultureInfo.InvariantCulture) : double.NaN,
                match.Success ? long.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
                settle.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    /// <summary>Registers <paramref name="instances"/> instances, 100 per service, 64 at a time.</summary>
    internal static async Task LoadAsync(HttpClient http, Uri node, int instances, string prefix = "svc")
    {
        var body = """{"addresses":["http://10.0.0.5:8080"],"zone":"z1","version":"1.0.0","metadata":{"team":"bench"}}""";
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < instances)
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PutAsync(new Uri(node, BeaconRoutes.Instance($"{prefix}-{n / 100}", $"i-{n}")), content);
                response.EnsureSuccessStatusCode();
            }
        }));
    }

    internal static async Task WaitForCountAsync(HttpClient http, Uri node, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var status = await http.GetFromJsonAsync(new Uri(node, BeaconRoutes.Status), BeaconJsonContext.Default.NodeStatus);
            if (status!.Instances >= count)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{node} never held {count} instances");
    }

    [GeneratedRegex(@"Copied (?<n>\d+) records from \S+ in (?<ms>\d+) ms")]
    private static partial Regex Copied();
}
