using System.Globalization;
using System.Net;
using Beacon.LoadGen.Cli;
using Beacon.LoadGen.Measurement;
using Beacon.LoadGen.Processes;
using Beacon.LoadGen.Reporting;
using Beacon.LoadGen.Scenarios;
using Beacon.LoadGen.Scenarios.Wakeup;

namespace Beacon.LoadGen;

/// <summary>
/// Runs the scenarios the command line asks for, each against its own server process (a fresh node,
/// or the trivial endpoint), prints every run as it ends, and the medians at the end.
/// </summary>
public sealed class BenchmarkSession(LoadGenOptions options, TextWriter output)
{
    private readonly Summary _summary = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        output.WriteLine($"# beacon-loadgen {options.Scenario}: concurrency {options.Concurrency}, warm-up {options.Warmup.TotalSeconds} s, " +
                         $"{options.Runs} runs of {options.Duration.TotalSeconds} s, client {options.Client}, load {LoadAverage()}");
        var all = options.Scenario == "all";
        IClosedLoopScenario[] closedLoop =
            [new TrivialScenario(), new RegisterScenario(), new HeartbeatScenario(), new BatchHeartbeatScenario(), new FetchScenario(),
             new FetchScenario(gzip: true)];
        foreach (var scenario in closedLoop.Where(s => (all && s.Name != "fetch-gzip") || s.Name == options.Scenario))
        {
            await RunClosedLoopAsync(scenario, cancellationToken);
        }

        if (all)
        {
            // The ceiling again, after the node scenarios: the machine's load drifts during a long
            // session, and the ratios use the median of the trivial runs from both ends.
            await RunClosedLoopAsync(new TrivialScenario(), cancellationToken);
        }

        if (all || options.Scenario == "wakeup")
        {
            await RunWakeupAsync(WakeupVariant.PerService, cancellationToken);
            await RunWakeupAsync(WakeupVariant.Broadcast, cancellationToken);
        }

        if (all || options.Scenario == "memory")
        {
            await RunMemoryAsync(cancellationToken);
        }

        output.WriteLine($"# done, load {LoadAverage()}");
        output.WriteLine();
        output.WriteLine(_summary.ToMarkdown());
    }

    private async Task RunClosedLoopAsync(IClosedLoopScenario scenario, CancellationToken cancellationToken)
    {
        var (target, child) = await StartAsync(scenario.NeedsNode);
        await using var _ = child;
        await scenario.SetUpAsync(target, options.Concurrency, cancellationToken);
        var runs = new List<RunResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var warmup = run == 1 ? options.Warmup : LoadGenOptions.RewarmUp;
            var settings = new RunSettings(options.Concurrency, warmup, options.Duration);
            var result = await ClosedLoopRunner.RunAsync(target, scenario, settings, cancellationToken);
            runs.Add(result);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{scenario.Name,-16} run {run}: {result.RequestsPerSecond,9:N0} req/s {result.OperationsPerSecond,11:N0} ops/s  p50 {result.P50Microseconds,7:N0} µs  p99 {result.P99Microseconds,7:N0} µs  CPU µs/op server {Summary.Fraction(result.ServerCpuMicrosecondsPerOperation)} client {Summary.Fraction(result.ClientCpuMicrosecondsPerOperation)}  errors {result.Errors}  (warm-up {result.Warmup.TotalSeconds:N0} s)"));
        }

        _summary.AddClosedLoop(scenario.Name, scenario.OperationsPerRequest, runs);
    }

    private async Task RunWakeupAsync(WakeupVariant variant, CancellationToken cancellationToken)
    {
        var (target, child) = await StartAsync(needsNode: true);
        await using var _ = child;
        var runs = await WakeupScenario.RunAsync(target, variant, options.Runs, cancellationToken);
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{variant.Name,-20} run {i + 1}: {r.Wakeups:N0} wake-ups in {r.Rounds} rounds  p50 {r.WakeP50Microseconds:N0} µs  p99 {r.WakeP99Microseconds:N0} µs  time-to-last p50 {r.LastP50Microseconds:N0} µs max {r.LastMaxMicroseconds:N0} µs  strays {r.Strays}"));
        }

        _summary.AddWakeup(variant.Name, variant.Waiters, runs);
    }

    private async Task RunMemoryAsync(CancellationToken cancellationToken)
    {
        foreach (var shape in new[] { MemoryScenario.Shape.Bare, MemoryScenario.Shape.Sdk })
        {
            var bytes = MemoryScenario.InProcessBytesPerInstance(shape);
            var what = $"in-process, {MemoryScenario.InProcessInstances:N0} instances, {shape.ToString().ToLowerInvariant()}";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory {what}: {bytes:N0} bytes/instance"));
            _summary.AddMemory(what, bytes, "GC.GetTotalMemory(true) after − before");
        }

        if (options.Server is not null)
        {
            output.WriteLine("memory over HTTP: skipped (needs a node this tool starts, to read its RSS)");
            return;
        }

        var (target, child) = await StartAsync(needsNode: true);
        await using var _ = child;
        var (perInstance, before, after) = await MemoryScenario.NodeRssPerInstanceAsync(target, cancellationToken);
        var rss = $"node RSS, {MemoryScenario.OverHttpInstances:N0} instances over HTTP, sdk";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory {rss}: {perInstance:N0} bytes/instance (RSS {before / 1048576.0:N1} → {after / 1048576.0:N1} MiB)"));
        _summary.AddMemory(rss, perInstance,
            string.Create(CultureInfo.InvariantCulture, $"VmRSS {before / 1048576.0:N0} → {after / 1048576.0:N0} MiB; includes uncollected garbage"));
    }

    /// <summary>A fresh server process (or the one given by --server) and the handle that stops it.</summary>
    private async Task<(LoadTarget Target, ChildProcess? Child)> StartAsync(bool needsNode)
    {
        if (needsNode && options.Server is { } server)
        {
            var address = server.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(server.Host.Trim('[', ']'));
            return (new LoadTarget(new IPEndPoint(address, server.Port), options.ServerPid, options.Client), null);
        }

        var child = needsNode ? await ServerLauncher.StartNodeAsync() : await ServerLauncher.StartTrivialAsync();
        return (new LoadTarget(child.EndPoint, child.Pid, options.Client), child);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
