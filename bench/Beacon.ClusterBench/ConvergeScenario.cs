using System.Diagnostics;
using System.Net.Http.Json;
using Beacon.Contracts;

namespace Beacon.ClusterBench;

/// <summary>
/// Convergence after a partition: three nodes in a private network namespace; node C is cut off;
/// half the changes are registered on A's side, half on C's; the link heals; the time until every
/// node holds every instance. The benchmark re-runs itself inside the namespace
/// (<c>ip netns exec</c>), so nodes, cuts and traffic all stay inside it.
/// </summary>
internal static class ConvergeScenario
{
    private static readonly string[] Addresses = ["127.0.0.21", "127.0.0.22", "127.0.0.23"];

    public sealed record Result(int Changes, double ConvergeMs);

    /// <summary>Outside: make the namespace, run the inner part in it, clean up.</summary>
    public static async Task<Result?> RunAsync(int changes)
    {
        if (Environment.UserName != "root")
        {
            Console.WriteLine("converge: skipped (needs root for a network namespace)");
            return null;
        }

        var ns = $"beacon-bench-{Environment.ProcessId}";
        Run("ip", "netns", "add", ns);
        try
        {
            Run("ip", "-n", ns, "link", "set", "lo", "up");
            var self = Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal)
                ? ["dotnet", typeof(ConvergeScenario).Assembly.Location]
                : new[] { Environment.ProcessPath! };
            var output = Run("ip", ["netns", "exec", ns, .. self, "converge-inner", changes.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            var line = output.Split('\n').Last(l => l.StartsWith("converged-ms ", StringComparison.Ordinal));
            return new Result(changes, double.Parse(line["converged-ms ".Length..], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            Run("ip", "netns", "del", ns);
        }
    }

    /// <summary>Inside the namespace.</summary>
    public static async Task InnerAsync(int changes)
    {
        var ids = Addresses.Select(a => $"{a}:7171").ToArray();
        var nodes = ids.Select(id => NodeProcess.Start(id, ids, "--Beacon:Cluster:AntiEntropyInterval", "00:00:01")).ToList();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            foreach (var node in nodes)
            {
                await node.WaitReadyAsync(http, TimeSpan.FromSeconds(30));
            }

            Run("nft", "add", "table", "inet", "cut");
            Run("nft", "add", "chain", "inet", "cut", "out", "{ type filter hook output priority 0; }");
            Run("nft", "add", "rule", "inet", "cut", "out", "ip", "saddr", Addresses[2], "ip", "daddr", $"{{{Addresses[0]},{Addresses[1]}}}", "drop");
            Run("nft", "add", "rule", "inet", "cut", "out", "ip", "daddr", Addresses[2], "ip", "saddr", $"{{{Addresses[0]},{Addresses[1]}}}", "drop");
            await WaitUntilAsync(async () => (await Members(http, nodes[2].Url)).Count(m => m.State == MemberState.Down) == 2, "C sees A and B down");

            await Task.WhenAll(
                JoinScenario.LoadAsync(http, nodes[0].Url, changes / 2, "side-a"),
                JoinScenario.LoadAsync(http, nodes[2].Url, changes / 2, "side-c"));

            var clock = Stopwatch.StartNew();
            Run("nft", "delete", "table", "inet", "cut");
            await WaitUntilAsync(async () =>
            {
                foreach (var node in nodes)
                {
                    var list = await http.GetFromJsonAsync(new Uri(node.Url, BeaconRoutes.Services), BeaconJsonContext.Default.ServiceList);
                    if (list!.Services.Sum(s => s.Instances) != changes / 2 * 2)
                    {
                        return false;
                    }
                }

                return true;
            }, "every node holds every instance");
            Console.WriteLine(FormattableString.Invariant($"converged-ms {clock.Elapsed.TotalMilliseconds:F0}"));
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    private static async Task<IReadOnlyList<ClusterMember>> Members(HttpClient http, Uri node) =>
        (await http.GetFromJsonAsync(new Uri(node, "/v1/cluster/members"), BeaconJsonContext.Default.ClusterMembers))!.Members;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(what);
            }

            await Task.Delay(20);
        }
    }

    private static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {error}{output}");
    }
}
