using System.Diagnostics;
using System.Text;

namespace Beacon.ClusterBench;

/// <summary>A beacon-server process (Release build) for the benchmark; killed on dispose.</summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private NodeProcess(Process process, string id)
    {
        _process = process;
        Id = id;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Id { get; }

    public Uri Url => new($"http://{Id}");

    /// <summary>CPU time the process has used so far (user + system), from /proc.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The node to run: <c>BENCH_SERVER_DLL</c> (e.g. a ReadyToRun publish), else the Release build.</summary>
    public static string ServerDll()
    {
        if (Environment.GetEnvironmentVariable("BENCH_SERVER_DLL") is { Length: > 0 } chosen)
        {
            return File.Exists(chosen) ? chosen : throw new FileNotFoundException($"BENCH_SERVER_DLL names no file: {chosen}");
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Beacon.slnx")))
        {
            dir = dir.Parent;
        }

        var dll = Path.Combine(dir?.FullName ?? ".", "src", "Beacon.Host", "bin", "Release", "net10.0", "beacon-server.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"Build the server first: dotnet build -c Release src/Beacon.Host ({dll} is missing)");
    }

    /// <summary>Starts a node on <paramref name="id"/> (<c>host:port</c>); no <paramref name="members"/>: a single node, no cluster.</summary>
    public static NodeProcess Start(string id, IEnumerable<string> members, params string[] extra)
    {
        var args = new List<string>
        {
            ServerDll(), "--urls", $"http://{id}",
            "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Beacon.Cluster.Hosting", "Information",
        };
        if (string.Join(",", members) is { Length: > 0 } nodes)
        {
            args.AddRange(["--nodes", nodes]);
        }

        args.AddRange(extra);
        var start = new ProcessStartInfo("dotnet", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_TieredPGO"] = "1";
        // The bench's own runtime settings (Program.cs) are for its client side, not the nodes'.
        foreach (var own in BenchRuntime.Settings.Keys)
        {
            start.Environment.Remove(own);
        }

        if (Environment.GetEnvironmentVariable("BENCH_GC_SERVER") is { } gc)
        {
            start.Environment["DOTNET_gcServer"] = gc;
        }

        // Runtime settings for the nodes only (not the bench process), e.g. "DOTNET_gcServer=0 DOTNET_GCgen0size=0x400000".
        foreach (var setting in (Environment.GetEnvironmentVariable("BENCH_NODE_ENV") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = setting.IndexOf('=') is > 0 and var at ? (setting[..at], setting[(at + 1)..])
                : throw new ArgumentException($"BENCH_NODE_ENV: '{setting}' is not NAME=value");
            start.Environment[name] = value;
        }

        return new NodeProcess(Process.Start(start)!, id);
    }

    /// <summary>The JIT compilation time so far of all <paramref name="nodes"/> together.</summary>
    public static async Task<TimeSpan> JitTimeAsync(HttpClient http, IEnumerable<NodeProcess> nodes)
    {
        var total = TimeSpan.Zero;
        foreach (var node in nodes)
        {
            total += await node.JitTimeAsync(http);
        }

        return total;
    }

    /// <summary>The node's JIT compilation time so far, from its <c>/metrics</c> (the runtime's own counter).</summary>
    public async Task<TimeSpan> JitTimeAsync(HttpClient http) =>
        TimeSpan.FromSeconds(await MetricAsync(http, "dotnet_jit_compilation_time_seconds_total"));

    /// <summary>The node's time paused in garbage collections so far, from its <c>/metrics</c>.</summary>
    public async Task<TimeSpan> GcPauseAsync(HttpClient http) =>
        TimeSpan.FromSeconds(await MetricAsync(http, "dotnet_gc_pause_time_seconds_total"));

    /// <summary>The node's garbage collections so far, by generation (0, 1, 2), from one read of its <c>/metrics</c>.</summary>
    public async Task<int[]> GcCountsAsync(HttpClient http)
    {
        var text = await MetricsAsync(http);
        return [(int)Sum(text, GcCollections, "gen0"), (int)Sum(text, GcCollections, "gen1"), (int)Sum(text, GcCollections, "gen2")];
    }

    private const string GcCollections = "dotnet_gc_collections_total";

    private async Task<double> MetricAsync(HttpClient http, string metric) => Sum(await MetricsAsync(http), metric);

    private Task<string> MetricsAsync(HttpClient http) => http.GetStringAsync(new Uri(Url, "/metrics"));

    /// <summary>The sum of a metric's series (every label set, or those with <paramref name="labelValue"/>) in a <c>/metrics</c> text.</summary>
    private double Sum(string text, string metric, string? labelValue = null)
    {
        var found = false;
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(metric, StringComparison.Ordinal) && line.Length > metric.Length && line[metric.Length] is '{' or ' ' &&
                (labelValue is null || line.Contains($"=\"{labelValue}\"", StringComparison.Ordinal)))
            {
                found = true;
                sum += double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return found ? sum : throw new InvalidOperationException($"{Id} reports no {metric}.");
    }

    public async Task WaitReadyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync(new Uri(Url, "/readyz"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Node {Id} exited:\n{Log}");
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"Node {Id} not ready after {timeout}:\n{Log}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
