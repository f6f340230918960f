using System.Diagnostics;

namespace Beacon.ClusterBench;

/// <summary>
/// Runtime settings for the bench process itself (the writer and the watcher), which shares the
/// 2 cores with the three nodes it measures. Socket continuations run inline on the event thread
/// and idle thread-pool workers do not spin: a profile of the bench at 10,000 writes/s had a fifth
/// of its CPU in context switches and <c>sched_yield</c>. The runtime reads these from the
/// environment at start, so <see cref="RerunWithSettingsAsync"/> re-runs the bench with them.
/// Nodes never inherit them (<see cref="NodeProcess"/>).
/// </summary>
internal static class BenchRuntime
{
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1",
        ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",
    };

    /// <summary>
    /// Without the settings in this process's environment, runs the bench again with them (same
    /// arguments, same console) and returns its exit code; with them, returns null: go on.
    /// </summary>
    public static async Task<int?> RerunWithSettingsAsync(string[] args)
    {
        if (Settings.All(s => Environment.GetEnvironmentVariable(s.Key) == s.Value))
        {
            return null;
        }

        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BenchRuntime).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in Settings)
        {
            start.Environment[name] = value;
        }

        using var bench = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        await bench.WaitForExitAsync();
        return bench.ExitCode;
    }
}
