using System.Globalization;

namespace Beacon.LoadGen.Compare;

/// <summary>The command line of <c>beacon-loadgen compare</c> (see <see cref="Usage"/>).</summary>
public sealed record ComparisonOptions
{
    public static readonly string[] AllSystems = ["beacon", "etcd", "zookeeper"];

    public static readonly string[] AllScenarios = ["register", "renew", "renew-batch", "discover", "discover-gzip", "watch", "scale"];

    public const string Usage = """
        usage: beacon-loadgen compare [options]      (bench/compare/run.sh runs it; see bench/compare/README.md)
          --systems LIST      beacon,etcd,zookeeper (default: all three)
          --topologies LIST   single,cluster (default: both; cluster = 3 members on 127.0.0.1)
          --scenarios LIST    register,renew,renew-batch,discover,discover-gzip,watch,scale (default: all)
          --concurrency LIST  clients, e.g. 1,16,64 (default); for watch, the number of watchers
          --runs K            measured runs per case; reports show medians (default 3)
          --warmup T          least load before a case's first run, then on until steady (default 20s)
          --duration T        measured time of each run (default 5s)
          --watch-rounds N    changes per watch run (default 200)
        Every case gets fresh servers, data in a temp folder, stopped and deleted at its end.
        """;

    public IReadOnlyList<string> Systems { get; init; } = AllSystems;

    public IReadOnlyList<Topology> Topologies { get; init; } = [Topology.OneNode, Topology.ThreeNodes];

    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    public IReadOnlyList<int> ConcurrencyLevels { get; init; } = [1, 16, 64];

    public int Runs { get; init; } = 3;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    public int WatchRounds { get; init; } = 200;

    /// <summary>Parses the arguments after <c>compare</c>; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static ComparisonOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ComparisonOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--systems" => options with { Systems = List(args[i], value, AllSystems) },
                "--topologies" => options with
                {
                    Topologies = [.. List(args[i], value, ["single", "cluster"]).Select(t => t == "single" ? Topology.OneNode : Topology.ThreeNodes)],
                },
                "--scenarios" => options with { Scenarios = List(args[i], value, AllScenarios) },
                "--concurrency" => options with { ConcurrencyLevels = [.. value.Split(',').Select(v => PositiveInt(args[i], v))] },
                "--runs" => options with { Runs = PositiveInt(args[i], value) },
                "--warmup" => options with { Warmup = Cli.LoadGenOptions.ParseDuration(args[i], value) },
                "--duration" => options with { Duration = Cli.LoadGenOptions.ParseDuration(args[i], value) },
                "--watch-rounds" => options with { WatchRounds = PositiveInt(args[i], value) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return options;
    }

    private static string[] List(string name, string value, string[] allowed)
    {
        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = items.Where(item => !allowed.Contains(item)).ToArray();
        return items.Length > 0 && unknown.Length == 0
            ? items
            : throw new ArgumentException($"{name} takes a list of {string.Join(", ", allowed)}; got '{value}'.");
    }

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : throw new ArgumentException($"{name} must be positive integers; got '{value}'.");


}
