using System.Globalization;
using System.Text;
using Beacon.LoadGen.Compare.Runs;
using Beacon.LoadGen.Measurement;
using Beacon.LoadGen.Reporting;

namespace Beacon.LoadGen.Compare;

/// <summary>Collects a comparison's runs and prints them as Markdown tables of medians, Beacon's ratios beside them.</summary>
public sealed class CompareReport
{
    private readonly List<(Topology Topology, string Scenario, int Clients, string System, IReadOnlyList<RunResult> Runs)> _closedLoop = [];
    private readonly List<(Topology Topology, int Watchers, string System, IReadOnlyList<WatchRun.Result> Runs)> _watch = [];
    private readonly List<(Topology Topology, string System, IReadOnlyList<ScaleRun.Result> Runs)> _scale = [];

    public void AddClosedLoop(Topology topology, string scenario, int clients, string system, IReadOnlyList<RunResult> runs) =>
        _closedLoop.Add((topology, scenario, clients, system, runs));

    public void AddWatch(Topology topology, int watchers, string system, IReadOnlyList<WatchRun.Result> runs) =>
        _watch.Add((topology, watchers, system, runs));

    public void AddScale(Topology topology, string system, IReadOnlyList<ScaleRun.Result> runs) => _scale.Add((topology, system, runs));

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        foreach (var topology in _closedLoop.Select(c => c.Topology).Concat(_watch.Select(w => w.Topology)).Concat(_scale.Select(s => s.Topology)).Distinct())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### {Describe(topology)}").AppendLine();
            ClosedLoop(text, topology);
            Watch(text, topology);
            Scale(text, topology);
        }

        return text.ToString();
    }

    public static string Describe(Topology topology) => topology == Topology.OneNode ? "single node" : "3-node cluster";

    private void ClosedLoop(StringBuilder text, Topology topology)
    {
        var rows = _closedLoop.Where(c => c.Topology == topology).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        text.AppendLine("| scenario | clients | system | runs | ops/s | p50 µs | p99 µs | server CPU µs/op | client CPU µs/op | errors | Beacon ops/s ÷ this | this CPU/op ÷ Beacon's |");
        text.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (_, scenario, clients, system, runs) in rows)
        {
            var ops = Median.Of(runs.Select(r => r.OperationsPerSecond));
            var cpu = Median.Of(runs.Select(r => r.ServerCpuMicrosecondsPerOperation));
            // Beacon's figures for the same case, for the ratios (the plain discovery for both discovery rows).
            var beacon = rows.FirstOrDefault(r => r.Scenario == scenario.Replace("-gzip", "", StringComparison.Ordinal) &&
                                                  r.Clients == clients && r.System == "beacon");
            var isPeer = system is "etcd" or "zookeeper";
            text.AppendLine(Row(
                scenario, Int(clients), system, Int(runs.Count), Summary.Number(ops),
                Summary.Number(Median.Of(runs.Select(r => r.P50Microseconds))),
                Summary.Number(Median.Of(runs.Select(r => r.P99Microseconds))),
                Summary.Fraction(cpu),
                Summary.Fraction(Median.Of(runs.Select(r => r.ClientCpuMicrosecondsPerOperation))),
                runs.Sum(r => r.Errors).ToString(CultureInfo.InvariantCulture),
                isPeer && beacon.Runs is not null ? Ratio(Median.Of(beacon.Runs.Select(r => r.OperationsPerSecond)) / ops) : "",
                isPeer && beacon.Runs is not null ? Ratio(cpu / Median.Of(beacon.Runs.Select(r => r.ServerCpuMicrosecondsPerOperation))) : ""));
        }

        text.AppendLine();
    }

    private void Watch(StringBuilder text, Topology topology)
    {
        var rows = _watch.Where(w => w.Topology == topology).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        text.AppendLine("| watch | watchers | system | runs × changes | notifications | p50 µs | p99 µs | max µs |");
        text.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|");
        foreach (var (_, watchers, system, runs) in rows)
        {
            text.AppendLine(Row(
                "watch", Int(watchers), system, $"{runs.Count} × {runs[0].Rounds}",
                Summary.Number(runs.Sum(r => (double)r.Notifications)),
                Summary.Number(Median.Of(runs.Select(r => r.P50Microseconds))),
                Summary.Number(Median.Of(runs.Select(r => r.P99Microseconds))),
                Summary.Number(Median.Of(runs.Select(r => r.MaxMicroseconds)))));
        }

        text.AppendLine();
    }

    private void Scale(StringBuilder text, Topology topology)
    {
        var rows = _scale.Where(s => s.Topology == topology).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        text.AppendLine($"| memory, {ScaleRun.Instances:N0} instances in 1,000 services | runs | RSS before MiB (all members) | RSS after MiB | bytes per instance (per member) | registrations/s while loading |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (_, system, runs) in rows)
        {
            text.AppendLine(Row(
                system, Int(runs.Count),
                Summary.Number(Median.Of(runs.Select(r => r.RssBefore / 1048576.0))),
                Summary.Number(Median.Of(runs.Select(r => r.RssAfter / 1048576.0))),
                Summary.Number(Median.Of(runs.Select(r => r.BytesPerInstancePerMember))),
                Summary.Number(Median.Of(runs.Select(r => r.RegistrationsPerSecond)))));
        }

        text.AppendLine();
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ratio(double value) =>
        double.IsNaN(value) ? "–" : value.ToString(value < 10 ? "0.0#" : "0", CultureInfo.InvariantCulture) + "×";

    private static string Row(params string[] cells) => $"| {string.Join(" | ", cells)} |";
}
