using System.Globalization;

namespace Beacon.LoadGen.Cli;

/// <summary>The command line: <c>beacon-loadgen SCENARIO [--server URL] [--concurrency N] …</c>.</summary>
public sealed record LoadGenOptions
{
    public static readonly string[] Scenarios =
        ["trivial", "register", "heartbeat", "batch-heartbeat", "fetch", "fetch-gzip", "wakeup", "memory", "all"];

    public const string Usage = """
        usage: beacon-loadgen SCENARIO [options]
          SCENARIO          compare (etcd and ZooKeeper side by side: beacon-loadgen compare --help) | trivial | register | heartbeat | batch-heartbeat | fetch | fetch-gzip | wakeup | memory | all
          --server URL      drive this node instead of starting one (default: a fresh Release node per scenario)
          --server-pid PID  that node's process id, for its CPU time per operation
          --concurrency N   concurrent keep-alive connections (default 64)
          --warmup T        least unmeasured load before a scenario's first run (default 30s; 1s before
                            later runs); then on until the server's CPU time per request settles
          --duration T      measured time of each run (default 5s)
          --runs K          runs per scenario; the report shows medians (default 3)
          --client KIND     raw (default) | httpclient
        Durations: 500ms, 5s, 1m or plain seconds. Build first: dotnet build -c Release Beacon.slnx
        """;

    public required string Scenario { get; init; }

    public Uri? Server { get; init; }

    public int? ServerPid { get; init; }

    public int Concurrency { get; init; } = 64;

    /// <summary>
    /// Least load before a scenario's first run: 30 s, because tiered JIT compilation (with dynamic
    /// PGO) keeps recompiling the request path for tens of seconds under load on 2 busy cores (the
    /// register path still got cheaper from run to run after 18 s), and a shorter warm-up measures
    /// the JIT. Later runs warm up for <see cref="RewarmUp"/>; all continue until steady.
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Load before each later run, to open its connections and reach a steady state again.</summary>
    public static TimeSpan RewarmUp => TimeSpan.FromSeconds(1);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    public int Runs { get; init; } = 3;

    public ClientKind Client { get; init; } = ClientKind.Raw;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static LoadGenOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || !Scenarios.Contains(args[0]))
        {
            throw new ArgumentException(args.Count == 0 ? "No scenario given." : $"Unknown scenario '{args[0]}'.");
        }

        var options = new LoadGenOptions { Scenario = args[0] };
        for (var i = 1; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--server" => options with { Server = new Uri(value) },
                "--server-pid" => options with { ServerPid = PositiveInt(args[i], value) },
                "--concurrency" => options with { Concurrency = PositiveInt(args[i], value) },
                "--warmup" => options with { Warmup = ParseDuration(args[i], value) },
                "--duration" => options with { Duration = ParseDuration(args[i], value) },
                "--runs" => options with { Runs = PositiveInt(args[i], value) },
                "--client" => options with
                {
                    Client = Enum.TryParse<ClientKind>(value, ignoreCase: true, out var kind)
                        ? kind
                        : throw new ArgumentException($"--client must be raw or httpclient; got '{value}'."),
                },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        if (options.Server is { } server && !(server.IsLoopback && server.Scheme == "http"))
        {
            // Load is only ever sent to this machine.
            throw new ArgumentException("--server must be an http:// loopback address (127.0.0.1, localhost, [::1]).");
        }

        return options;
    }

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : throw new ArgumentException($"{name} must be a positive integer; got '{value}'.");

    internal static TimeSpan ParseDuration(string name, string value)
    {
        var (number, scale) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 0.001)
            : value.EndsWith('m') ? (value[..^1], 60.0)
            : value.EndsWith('s') ? (value[..^1], 1.0)
            : (value, 1.0);
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0
            ? TimeSpan.FromSeconds(parsed * scale)
            : throw new ArgumentException($"{name} must be a duration such as 5s or 500ms; got '{value}'.");
    }
}
