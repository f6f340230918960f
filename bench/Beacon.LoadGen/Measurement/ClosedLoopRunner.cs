using System.Diagnostics;
using Beacon.LoadGen.Processes;
using Beacon.LoadGen.Scenarios;

namespace Beacon.LoadGen.Measurement;

/// <summary>
/// Runs a closed-loop workload: <see cref="RunSettings.Concurrency"/> workers, each on its own
/// connection, do operations back to back through a warm-up and then a measured window.
/// Throughput counts the operations completed inside the window; latency is recorded for those
/// started and answered inside it; the servers' CPU time (all members of a cluster) is read at the
/// window's two ends.
/// </summary>
public static class ClosedLoopRunner
{
    private const int WarmingUp = 0;
    private const int Measuring = 1;
    private const int Stopped = 2;

    /// <summary>An HTTP scenario against one server (its pid, when known, gives the CPU figures).</summary>
    public static Task<RunResult> RunAsync(
        LoadTarget target, IClosedLoopScenario scenario, RunSettings settings, CancellationToken cancellationToken) =>
        RunAsync(target.Pid is { } pid ? [pid] : [], new HttpScenarioWorkload(target, scenario), settings, cancellationToken);

    /// <param name="serverPids">The server processes whose CPU time the operations cost (empty: unknown).</param>
    public static async Task<RunResult> RunAsync(
        IReadOnlyList<int> serverPids, IWorkload workload, RunSettings settings, CancellationToken cancellationToken)
    {
        var clients = await workload.OpenWorkersAsync(settings.Concurrency, cancellationToken);
        var phase = new PhaseFlag();
        var workers = new Worker[settings.Concurrency];
        try
        {
            var tasks = new Task[workers.Length];
            for (var i = 0; i < workers.Length; i++)
            {
                var worker = workers[i] = new Worker(clients[i], phase);
                tasks[i] = Task.Run(() => worker.RunAsync(cancellationToken), cancellationToken);
            }

            var warmup = await WarmUpAsync(serverPids, workers, settings.Warmup, cancellationToken);
            // The measured window's length, not a wait for something to happen.
            var cpuBefore = ServerCpu(serverPids);
            var clientCpuBefore = ProcessStats.CpuTime(Environment.ProcessId);
            var started = Stopwatch.GetTimestamp();
            phase.Value = Measuring;
            await Task.Delay(settings.Duration, cancellationToken);
            phase.Value = Stopped;
            var elapsed = Stopwatch.GetElapsedTime(started);
            var cpuAfter = ServerCpu(serverPids);
            var clientCpu = ProcessStats.CpuTime(Environment.ProcessId) - clientCpuBefore;
            await Task.WhenAll(tasks);

            var histogram = new LatencyHistogram();
            long completed = 0, errors = 0;
            foreach (var worker in workers)
            {
                histogram.Add(worker.Latencies);
                completed += worker.Completed;
                errors += worker.Errors;
            }

            var requestsPerSecond = completed / elapsed.TotalSeconds;
            var operations = completed * workload.OperationsPerRequest;
            return new RunResult(
                warmup,
                operations / elapsed.TotalSeconds,
                requestsPerSecond,
                histogram.PercentileMicroseconds(50),
                histogram.PercentileMicroseconds(99),
                (cpuAfter - cpuBefore)?.TotalMicroseconds / Math.Max(1, operations) ?? double.NaN,
                clientCpu.TotalMicroseconds / Math.Max(1, operations),
                errors);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Loads the servers for at least <paramref name="minimum"/>, then until their CPU time per
    /// operation settles: two consecutive 2-second slices within 10 % of each other (at most 90 s in
    /// all). Tiered compilation with dynamic PGO (and the JVM's JIT) keeps recompiling the request
    /// path for tens of seconds when the two cores are busy, and a run that starts before it ends
    /// measures the JIT. Without the servers' pids, the minimum is all there is.
    /// </summary>
    private static async Task<TimeSpan> WarmUpAsync(
        IReadOnlyList<int> serverPids, Worker[] workers, TimeSpan minimum, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(minimum, cancellationToken);
        if (serverPids.Count == 0)
        {
            return Stopwatch.GetElapsedTime(started);
        }

        var slice = TimeSpan.FromSeconds(2);
        var previous = double.NaN;
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(90))
        {
            var cpu = ServerCpu(serverPids)!.Value;
            var requests = workers.Sum(w => w.Sent);
            await Task.Delay(slice, cancellationToken);
            var perRequest = (ServerCpu(serverPids)!.Value - cpu).TotalMicroseconds / Math.Max(1, workers.Sum(w => w.Sent) - requests);
            if (Math.Abs(perRequest - previous) <= 0.1 * previous)
            {
                break;
            }

            previous = perRequest;
        }

        return Stopwatch.GetElapsedTime(started);
    }

    private static TimeSpan? ServerCpu(IReadOnlyList<int> serverPids)
    {
        if (serverPids.Count == 0)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (var pid in serverPids)
        {
            total += ProcessStats.CpuTime(pid);
        }

        return total;
    }

    private sealed class PhaseFlag
    {
        private volatile int _value = WarmingUp;

        public int Value
        {
            get => _value;
            set => _value = value;
        }
    }

    private sealed class Worker(IOperationWorker client, PhaseFlag phase)
    {
        public LatencyHistogram Latencies { get; } = new();

        public long Completed { get; private set; }

        public long Errors { get; private set; }

        /// <summary>Operations answered in any phase (read by the warm-up from another thread: approximate).</summary>
        public long Sent => Volatile.Read(ref _sent);

        private long _sent;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            while (phase.Value != Stopped)
            {
                var phaseAtSend = phase.Value;
                var sent = Stopwatch.GetTimestamp();
                var success = await client.ExecuteAsync(cancellationToken);
                var answered = Stopwatch.GetTimestamp();
                Volatile.Write(ref _sent, _sent + 1);
                if (phase.Value != Measuring)
                {
                    continue;
                }

                Completed++;
                if (!success)
                {
                    Errors++;
                }

                if (phaseAtSend == Measuring)
                {
                    Latencies.RecordTicks(answered - sent);
                }
            }
        }
    }
}
