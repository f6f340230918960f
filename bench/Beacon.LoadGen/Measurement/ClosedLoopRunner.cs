using System.Diagnostics;
using Beacon.LoadGen.Http;
using Beacon.LoadGen.Processes;
using Beacon.LoadGen.Scenarios;

namespace Beacon.LoadGen.Measurement;

/// <summary>
/// Runs a closed-loop scenario: <see cref="RunSettings.Concurrency"/> workers, each on its own
/// keep-alive connection, send requests back to back through a warm-up and then a measured window.
/// Throughput counts the responses completed inside the window; latency is recorded for requests
/// sent and answered inside it; the server's CPU time is read at the window's two ends.
/// </summary>
public static class ClosedLoopRunner
{
    private const int WarmingUp = 0;
    private const int Measuring = 1;
    private const int Stopped = 2;

    public static async Task<RunResult> RunAsync(
        LoadTarget target, IClosedLoopScenario scenario, RunSettings settings, CancellationToken cancellationToken)
    {
        var connections = await target.ConnectAsync(settings.Concurrency, cancellationToken);
        var phase = new PhaseFlag();
        var workers = new Worker[settings.Concurrency];
        try
        {
            var tasks = new Task[workers.Length];
            for (var i = 0; i < workers.Length; i++)
            {
                var worker = workers[i] = new Worker(i, connections[i], scenario, phase);
                tasks[i] = Task.Run(() => worker.RunAsync(cancellationToken), cancellationToken);
            }

            var warmup = await WarmUpAsync(target, workers, settings.Warmup, cancellationToken);
            // The measured window's length, not a wait for something to happen.
            var cpuBefore = ServerCpu(target);
            var clientCpuBefore = ProcessStats.CpuTime(Environment.ProcessId);
            var started = Stopwatch.GetTimestamp();
            phase.Value = Measuring;
            await Task.Delay(settings.Duration, cancellationToken);
            phase.Value = Stopped;
            var elapsed = Stopwatch.GetElapsedTime(started);
            var cpuAfter = ServerCpu(target);
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
            var operations = completed * scenario.OperationsPerRequest;
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
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Loads the server for at least <paramref name="minimum"/>, then until its CPU time per request
    /// settles: two consecutive 2-second slices within 10 % of each other (at most 90 s in all).
    /// Tiered compilation with dynamic PGO keeps recompiling the request path for tens of seconds
    /// when the two cores are busy, and a run that starts before it ends measures the JIT.
    /// Without the server's pid, the minimum is all there is.
    /// </summary>
    private static async Task<TimeSpan> WarmUpAsync(
        LoadTarget target, Worker[] workers, TimeSpan minimum, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(minimum, cancellationToken);
        if (target.Pid is not { } pid)
        {
            return Stopwatch.GetElapsedTime(started);
        }

        var slice = TimeSpan.FromSeconds(2);
        var previous = double.NaN;
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(90))
        {
            var cpu = ProcessStats.CpuTime(pid);
            var requests = workers.Sum(w => w.Sent);
            await Task.Delay(slice, cancellationToken);
            var perRequest = (ProcessStats.CpuTime(pid) - cpu).TotalMicroseconds / Math.Max(1, workers.Sum(w => w.Sent) - requests);
            if (Math.Abs(perRequest - previous) <= 0.1 * previous)
            {
                break;
            }

            previous = perRequest;
        }

        return Stopwatch.GetElapsedTime(started);
    }

    private static TimeSpan? ServerCpu(LoadTarget target) =>
        target.Pid is { } pid ? ProcessStats.CpuTime(pid) : null;

    private sealed class PhaseFlag
    {
        private volatile int _value;

        public int Value
        {
            get => _value;
            set => _value = value;
        }
    }

    private sealed class Worker(int index, ILoadConnection connection, IClosedLoopScenario scenario, PhaseFlag phase)
    {
        public LatencyHistogram Latencies { get; } = new();

        public long Completed { get; private set; }

        public long Errors { get; private set; }

        /// <summary>Requests answered in any phase (read by the warm-up from another thread: approximate).</summary>
        public long Sent => Volatile.Read(ref _sent);

        private long _sent;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            while (phase.Value != Stopped)
            {
                var request = scenario.NextRequest(index);
                var phaseAtSend = phase.Value;
                var sent = Stopwatch.GetTimestamp();
                var result = await connection.SendAsync(request, cancellationToken);
                var answered = Stopwatch.GetTimestamp();
                Volatile.Write(ref _sent, _sent + 1);
                if (phase.Value != Measuring)
                {
                    continue;
                }

                Completed++;
                if (!scenario.IsSuccess(result))
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
