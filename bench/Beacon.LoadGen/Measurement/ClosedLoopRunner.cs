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

            // The two delays are the run's length, not waits for something to happen.
            await Task.Delay(settings.Warmup, cancellationToken);
            var cpuBefore = ServerCpu(target);
            var started = Stopwatch.GetTimestamp();
            phase.Value = Measuring;
            await Task.Delay(settings.Duration, cancellationToken);
            phase.Value = Stopped;
            var elapsed = Stopwatch.GetElapsedTime(started);
            var cpuAfter = ServerCpu(target);
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
                operations / elapsed.TotalSeconds,
                requestsPerSecond,
                histogram.PercentileMicroseconds(50),
                histogram.PercentileMicroseconds(99),
                (cpuAfter - cpuBefore)?.TotalMicroseconds / Math.Max(1, operations) ?? double.NaN,
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

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            while (phase.Value != Stopped)
            {
                var request = scenario.NextRequest(index);
                var phaseAtSend = phase.Value;
                var sent = Stopwatch.GetTimestamp();
                var result = await connection.SendAsync(request, cancellationToken);
                var answered = Stopwatch.GetTimestamp();
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
