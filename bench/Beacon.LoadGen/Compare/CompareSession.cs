using System.Globalization;
using Beacon.LoadGen.Compare.Runs;
using Beacon.LoadGen.Compare.Systems;
using Beacon.LoadGen.Measurement;
using Beacon.LoadGen.Reporting;

namespace Beacon.LoadGen.Compare;

/// <summary>
/// Runs the comparison: for each topology and scenario, each case (scenario × clients) against each
/// system one after another, so the three meet the same machine within minutes of each other. Every
/// case starts its own servers and stops them at its end, so no case inherits another's data.
/// </summary>
public sealed class CompareSession(ComparisonOptions options, TextWriter output)
{
    private readonly CompareReport _report = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# beacon-loadgen compare: {string.Join(",", options.Systems)}; {options.Runs} runs of {options.Duration.TotalSeconds} s after ≥ {options.Warmup.TotalSeconds} s warm-up; {Environment.ProcessorCount} cores; load {LoadAverage()}"));
        foreach (var topology in options.Topologies)
        {
            foreach (var scenario in options.Scenarios.Where(s => s is not ("watch" or "scale")))
            {
                foreach (var clients in options.ConcurrencyLevels)
                {
                    foreach (var system in options.Systems.Where(s => Applies(scenario, s)))
                    {
                        await RunClosedLoopAsync(topology, scenario, clients, system, cancellationToken);
                    }
                }
            }

            if (options.Scenarios.Contains("watch"))
            {
                foreach (var watchers in options.ConcurrencyLevels)
                {
                    foreach (var system in options.Systems)
                    {
                        await RunWatchAsync(topology, watchers, system, cancellationToken);
                    }
                }
            }

            if (options.Scenarios.Contains("scale"))
            {
                foreach (var system in options.Systems)
                {
                    await RunScaleAsync(topology, system, cancellationToken);
                }
            }
        }

        output.WriteLine($"# done, load {LoadAverage()}");
        output.WriteLine();
        output.WriteLine(_report.ToMarkdown());
    }

    /// <summary>Batches are Beacon's alone; the gzip discovery is Beacon's discovery with Accept-Encoding: gzip.</summary>
    private static bool Applies(string scenario, string system) => scenario is not ("renew-batch" or "discover-gzip") || system == "beacon";

    private async Task RunClosedLoopAsync(Topology topology, string scenario, int clients, string systemName, CancellationToken cancellationToken)
    {
        var gzip = scenario == "discover-gzip";
        await using var system = await StartAsync(systemName, topology, gzip);
        var (workload, seeded) = await ClosedLoopScenarios.PrepareAsync(gzip ? "discover" : scenario, system, clients, cancellationToken);
        await using var _ = seeded;
        var runs = new List<RunResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var warmup = run == 1 ? options.Warmup : Cli.LoadGenOptions.RewarmUp;
            var result = await ClosedLoopRunner.RunAsync(system.Pids, workload, new RunSettings(clients, warmup, options.Duration), cancellationToken);
            runs.Add(result);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Case(topology, scenario, clients, system.Name)} run {run}: {result.OperationsPerSecond,9:N0} ops/s  p50 {result.P50Microseconds,7:N0} µs  p99 {result.P99Microseconds,7:N0} µs  CPU µs/op server {Summary.Fraction(result.ServerCpuMicrosecondsPerOperation)} client {Summary.Fraction(result.ClientCpuMicrosecondsPerOperation)}  errors {result.Errors}  (warm-up {result.Warmup.TotalSeconds:N0} s, load {LoadAverage()})"));
        }

        _report.AddClosedLoop(topology, scenario, clients, system.Name, runs);
    }

    private async Task RunWatchAsync(Topology topology, int watchers, string systemName, CancellationToken cancellationToken)
    {
        await using var system = await StartAsync(systemName, topology, gzip: false);
        var runs = await WatchRun.RunAsync(system, watchers, options.Runs, options.WatchRounds, cancellationToken);
        for (var i = 0; i < runs.Count; i++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Case(topology, "watch", watchers, system.Name)} run {i + 1}: {runs[i].Notifications:N0} notifications  p50 {runs[i].P50Microseconds:N0} µs  p99 {runs[i].P99Microseconds:N0} µs  max {runs[i].MaxMicroseconds:N0} µs"));
        }

        _report.AddWatch(topology, watchers, system.Name, runs);
    }

    private async Task RunScaleAsync(Topology topology, string systemName, CancellationToken cancellationToken)
    {
        var runs = new List<ScaleRun.Result>();
        for (var run = 1; run <= options.Runs; run++)
        {
            await using var system = await StartAsync(systemName, topology, gzip: false);
            var result = await ScaleRun.RunAsync(system, cancellationToken);
            runs.Add(result);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Case(topology, "scale", ScaleRun.Instances, system.Name)} run {run}: RSS {result.RssBefore / 1048576.0:N1} → {result.RssAfter / 1048576.0:N1} MiB, {result.BytesPerInstancePerMember:N0} bytes/instance/member, loaded at {result.RegistrationsPerSecond:N0}/s"));
        }

        _report.AddScale(topology, systemName, runs);
    }

    private static async Task<IRegistrySystem> StartAsync(string system, Topology topology, bool gzip) => system switch
    {
        "beacon" => await BeaconSystem.StartAsync(topology, gzip),
        "etcd" => await EtcdSystem.StartAsync(topology),
        "zookeeper" => await ZooKeeperSystem.StartAsync(topology),
        _ => throw new ArgumentException($"Unknown system '{system}'.", nameof(system)),
    };

    private static string Case(Topology topology, string scenario, int clients, string system) =>
        string.Create(CultureInfo.InvariantCulture, $"{(topology == Topology.OneNode ? "single " : "cluster")} {scenario,-13} {clients,6} {system,-13}");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
