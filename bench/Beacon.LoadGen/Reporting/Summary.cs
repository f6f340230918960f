using System.Globalization;
using System.Text;
using Beacon.LoadGen.Measurement;
using Beacon.LoadGen.Scenarios.Wakeup;

namespace Beacon.LoadGen.Reporting;

/// <summary>Collects the runs of a session and prints them as Markdown tables of medians.</summary>
public sealed class Summary
{
    private readonly List<(string Name, int OperationsPerRequest, IReadOnlyList<RunResult> Runs)> _closedLoop = [];
    private readonly List<(string Name, int Waiters, IReadOnlyList<WakeupResult> Runs)> _wakeups = [];
    private readonly List<(string What, double BytesPerInstance, string Note)> _memory = [];

    /// <summary>Adds runs; runs of a scenario measured again later in the session join its earlier ones.</summary>
    public void AddClosedLoop(string name, int operationsPerRequest, IReadOnlyList<RunResult> runs)
    {
        var earlier = _closedLoop.FindIndex(c => c.Name == name);
        if (earlier < 0)
        {
            _closedLoop.Add((name, operationsPerRequest, runs));
        }
        else
        {
            _closedLoop[earlier] = (name, operationsPerRequest, [.. _closedLoop[earlier].Runs, .. runs]);
        }
    }

    public void AddWakeup(string name, int waiters, IReadOnlyList<WakeupResult> runs) => _wakeups.Add((name, waiters, runs));

    public void AddMemory(string what, double bytesPerInstance, string note) => _memory.Add((what, bytesPerInstance, note));

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        if (_closedLoop.Count > 0)
        {
            var ceiling = _closedLoop.Where(c => c.Name == "trivial").Select(c => Median.Of(c.Runs.Select(r => r.RequestsPerSecond)))
                .DefaultIfEmpty(double.NaN).First();
            text.AppendLine("| scenario | runs | requests/s | ops/s | vs trivial (req/s) | p50 µs | p99 µs | server CPU µs/op | client CPU µs/op | errors |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (name, operationsPerRequest, runs) in _closedLoop)
            {
                var requests = Median.Of(runs.Select(r => r.RequestsPerSecond));
                // A batch of 1,000 renewals is not comparable with one trivial request.
                var comparable = operationsPerRequest == 1 && !double.IsNaN(ceiling);
                text.AppendLine(Row(
                    name,
                    runs.Count.ToString(CultureInfo.InvariantCulture),
                    Number(requests),
                    Number(Median.Of(runs.Select(r => r.OperationsPerSecond))),
                    comparable ? (requests / ceiling).ToString("P0", CultureInfo.InvariantCulture) : "–",
                    Number(Median.Of(runs.Select(r => r.P50Microseconds))),
                    Number(Median.Of(runs.Select(r => r.P99Microseconds))),
                    Fraction(Median.Of(runs.Select(r => r.ServerCpuMicrosecondsPerOperation))),
                    Fraction(Median.Of(runs.Select(r => r.ClientCpuMicrosecondsPerOperation))),
                    runs.Sum(r => r.Errors).ToString(CultureInfo.InvariantCulture)));
            }

            text.AppendLine();
        }

        if (_wakeups.Count > 0)
        {
            text.AppendLine("| wake-up variant | waiters | runs × rounds | wake p50 µs | wake p99 µs | time-to-last p50 µs | time-to-last max µs | strays |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (name, waiters, runs) in _wakeups)
            {
                text.AppendLine(Row(
                    name,
                    Number(waiters),
                    $"{runs.Count} × {runs[0].Rounds}",
                    Number(Median.Of(runs.Select(r => r.WakeP50Microseconds))),
                    Number(Median.Of(runs.Select(r => r.WakeP99Microseconds))),
                    Number(Median.Of(runs.Select(r => r.LastP50Microseconds))),
                    Number(Median.Of(runs.Select(r => r.LastMaxMicroseconds))),
                    runs.Sum(r => r.Strays).ToString(CultureInfo.InvariantCulture)));
            }

            text.AppendLine();
        }

        if (_memory.Count > 0)
        {
            text.AppendLine("| memory | bytes per instance | how |");
            text.AppendLine("|---|---:|---|");
            foreach (var (what, bytes, note) in _memory)
            {
                text.AppendLine(Row(what, Number(bytes), note));
            }
        }

        return text.ToString();
    }

    public static string Number(double value) =>
        double.IsNaN(value) ? "–" : value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Fraction(double value) =>
        double.IsNaN(value) ? "–" : value.ToString(value < 10 ? "N2" : "N1", CultureInfo.InvariantCulture);

    private static string Row(params string[] cells) => $"| {string.Join(" | ", cells)} |";
}
