using System.Globalization;
using Beacon.ClusterBench;

// Cluster benchmarks (docs/benchmarks.md). Build the server in Release first:
//   dotnet build -c Release src/Beacon.Host && dotnet run -c Release --project bench/Beacon.ClusterBench -- all
if (await BenchRuntime.RerunWithSettingsAsync(args) is { } exitCode)
{
    return exitCode;
}

var scenario = args.FirstOrDefault() ?? "all";
var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(3);
var httpClientWriter = args.Contains("--httpclient-writer");
var rates = args.SkipWhile(a => a != "--rates").Skip(1).Select(r => r.Split(',').Select(int.Parse).ToArray()).FirstOrDefault([1_000, 10_000]);
static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

switch (scenario)
{
    case "converge-inner":
        await ConvergeScenario.InnerAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
        return 0;
    case "lag" or "join" or "converge" or "all":
        break;
    default:
        Console.Error.WriteLine("usage: Beacon.ClusterBench [lag|join|converge|all] [--runs N] [--rates 1000,10000] [--httpclient-writer]");
        Environment.Exit(2);
        break;
}

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; medians of {runs} runs");
if (scenario is "lag" or "all")
{
    foreach (var rate in rates)
    {
        var results = new List<LagScenario.Result>();
        for (var r = 0; r < runs; r++)
        {
            var result = await LagScenario.RunAsync(rate, TimeSpan.FromSeconds(10), httpClientWriter);
            Console.WriteLine($"  lag run {r + 1}: target {rate}/s achieved {F(result.AchievedRate)}/s p50 {F(result.P50)} ms p99 {F(result.P99)} ms max {F(result.Max)} ms missing {result.Missing}/{result.Writes}, node CPU {F(result.CpuPerWriteUs)} µs/write ({string.Join(" · ", result.NodeCpuPerWriteUs.Select(F))} A · B · C; {F(result.JitShare * 100)} % of it JIT), writer+watcher CPU {F(result.BenchCpuPerWriteUs)} µs/write, GC pauses {string.Join(" · ", result.GcPauseMs.Select(F))} ms (A · B · C) in {string.Join(" · ", result.GcCounts.Select(c => string.Join("/", c)))} gen0/1/2 collections, after {F(result.WarmUpSeconds)} s of warm-up, {result.InstancesBefore:N0} instances registered before");
            results.Add(result);
        }

        Console.WriteLine($"lag {rate}/s: achieved {F(Percentiles.Median(results.Select(x => x.AchievedRate)))}/s, p50 {F(Percentiles.Median(results.Select(x => x.P50)))} ms, p99 {F(Percentiles.Median(results.Select(x => x.P99)))} ms, node CPU {F(Percentiles.Median(results.Select(x => x.CpuPerWriteUs)))} µs/write");
    }
}

if (scenario is "join" or "all")
{
    var results = new List<JoinScenario.Result>();
    for (var r = 0; r < runs; r++)
    {
        var result = await JoinScenario.RunAsync(100_000);
        Console.WriteLine($"  join run {r + 1}: ready after {F(result.ReadyMs)} ms (copy of {result.Copied} records: {F(result.CopyMs)} ms; members JIT settled after {result.SettleSeconds:F0} s)");
        results.Add(result);
    }

    // A run whose joining node logged no copy measured something else answering on its port (seen
    // once: "ready" 2 ms after start): left out of the median, and said so.
    var valid = results.Where(x => x.Copied > 0).ToList();
    if (valid.Count < results.Count)
    {
        Console.WriteLine($"  {results.Count - valid.Count} run(s) left out: the joining node logged no copy (another process answered on its port)");
    }

    Console.WriteLine($"join 100,000: ready after {F(Percentiles.Median(valid.Select(x => x.ReadyMs)))} ms (copy {F(Percentiles.Median(valid.Select(x => x.CopyMs)))} ms)");
}

if (scenario is "converge" or "all")
{
    var results = new List<ConvergeScenario.Result>();
    for (var r = 0; r < runs; r++)
    {
        if (await ConvergeScenario.RunAsync(10_000) is not { } result)
        {
            break;
        }

        Console.WriteLine($"  converge run {r + 1}: {F(result.ConvergeMs)} ms");
        results.Add(result);
    }

    if (results.Count > 0)
    {
        Console.WriteLine($"converge 10,000 changes: {F(Percentiles.Median(results.Select(x => x.ConvergeMs)))} ms after the heal");
    }
}

return 0;
