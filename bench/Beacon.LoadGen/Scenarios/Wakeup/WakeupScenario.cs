using System.Diagnostics;
using System.Runtime.CompilerServices;
using Beacon.LoadGen.Http;
using Beacon.LoadGen.Measurement;
using Beacon.LoadGen.Processes;

namespace Beacon.LoadGen.Scenarios.Wakeup;

/// <summary>
/// Long-poll wake-up latency: opens the variant's long polls, then changes one service at a time (a
/// re-registration with a new version) and measures, for each woken waiter, the time from just
/// before the change request was sent to the waiter holding its full answer. Rounds never overlap:
/// the next change is sent once every waiter of this one has its answer.
/// </summary>
public static class WakeupScenario
{
    public static async Task<IReadOnlyList<WakeupResult>> RunAsync(
        LoadTarget target, WakeupVariant variant, int runs, CancellationToken cancellationToken)
    {
        await using var changer = await RawHttpConnection.ConnectAsync(target.EndPoint, cancellationToken);
        var changes = new Changer(changer, target.Host);
        var revisions = new long[variant.Services];
        for (var service = 0; service < variant.Services; service++)
        {
            await changes.ChangeAsync(service, cancellationToken);
            revisions[service] = await changes.RevisionAsync(service, cancellationToken);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var round = new WakeupRound(variant.WaitersPerService);
        var pending = new StrongBox<int>();
        var waiters = await OpenWaitersAsync(target, variant, revisions, cancellationToken);
        var polling = waiters.Select(w => Task.Run(() => w.Waiter.RunAsync(round, pending, stop.Token), stop.Token)).ToArray();
        try
        {
            await WaitUntilParkedAsync(target, pending, variant.Waiters, cancellationToken);
            var nextService = 0;
            async Task<(LatencyHistogram Wakeups, double[] LastMicroseconds)> RoundsAsync(int count)
            {
                var wakeups = new LatencyHistogram();
                var lastMicroseconds = new double[count];
                for (var i = 0; i < count; i++)
                {
                    var service = nextService;
                    nextService = (nextService + 1) % variant.Services;
                    round.Begin(service, variant.WaitersPerService);
                    await changes.ChangeAsync(service, cancellationToken);
                    await round.AllWoken.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                    round.End();
                    var latest = 0L;
                    foreach (var ticks in round.Latencies)
                    {
                        wakeups.RecordTicks(ticks);
                        latest = Math.Max(latest, ticks);
                    }

                    lastMicroseconds[i] = latest * 1e6 / Stopwatch.Frequency;
                    // A broadcast re-arms every waiter at once: let the node park them all again, so
                    // each round starts from the same state.
                    if (variant.Services == 1)
                    {
                        await WaitUntilParkedAsync(target, pending, variant.Waiters, cancellationToken);
                    }
                }

                return (wakeups, lastMicroseconds);
            }

            await RoundsAsync(variant.WarmupRounds);
            var results = new List<WakeupResult>();
            for (var run = 0; run < runs; run++)
            {
                var strays = round.Strays;
                var (wakeups, lastMicroseconds) = await RoundsAsync(variant.RoundsPerRun);
                results.Add(new WakeupResult(
                    variant.RoundsPerRun,
                    wakeups.Count,
                    wakeups.PercentileMicroseconds(50),
                    wakeups.PercentileMicroseconds(99),
                    Median.Of(lastMicroseconds),
                    lastMicroseconds.Max(),
                    round.Strays - strays));
            }

            return results;
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(polling);
            foreach (var (_, connection) in waiters)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<(Waiter Waiter, RawHttpConnection Connection)[]> OpenWaitersAsync(
        LoadTarget target, WakeupVariant variant, long[] revisions, CancellationToken cancellationToken)
    {
        // Connect in small waves: a burst of 10,000 SYNs would overflow the listen backlog.
        const int Wave = 200;
        var waiters = new (Waiter, RawHttpConnection)[variant.Waiters];
        for (var first = 0; first < waiters.Length; first += Wave)
        {
            var count = Math.Min(Wave, waiters.Length - first);
            var connections = await Task.WhenAll(Enumerable.Range(first, count).Select(_ =>
                RawHttpConnection.ConnectAsync(target.EndPoint, cancellationToken, bufferSize: 2048)));
            for (var i = 0; i < count; i++)
            {
                var service = (first + i) % variant.Services;
                waiters[first + i] = (new Waiter(connections[i], service, revisions[service], target.Host), connections[i]);
            }
        }

        return waiters;
    }

    /// <summary>
    /// Waits until every poll has been sent and the node has gone idle, i.e. has read and parked
    /// them all. Without the node's process id it can only wait for the sends.
    /// </summary>
    private static async Task WaitUntilParkedAsync(
        LoadTarget target, StrongBox<int> pending, int waiters, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
        while (Volatile.Read(ref pending.Value) < waiters)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Only {pending.Value} of {waiters} long polls were sent.");
            }

            await Task.Delay(10, cancellationToken);
        }

        if (target.Pid is { } pid)
        {
            await ProcessStats.WaitUntilIdleAsync(pid, TimeSpan.FromSeconds(60), cancellationToken);
        }
    }

    /// <summary>Makes the changes: re-registers the service's instance with a new version each time.</summary>
    private sealed class Changer(RawHttpConnection connection, string host)
    {
        private readonly byte[] _request = new byte[2048];
        private readonly byte[] _body = new byte[1024];
        private int _version;

        /// <summary>Changes <paramref name="service"/>: one request, nothing else while waiters wake.</summary>
        public async Task ChangeAsync(int service, CancellationToken cancellationToken)
        {
            var length = InstanceData.WriteRegisterRequest(
                _request, _body, service * (long)InstanceData.InstancesPerService, host, ++_version);
            var result = await connection.SendAsync(_request.AsMemory(0, length), cancellationToken);
            if (result.Status is not (200 or 201))
            {
                throw new InvalidOperationException($"A change answered {result.Status}.");
            }
        }

        /// <summary>The service's current revision (setup only).</summary>
        public async Task<long> RevisionAsync(int service, CancellationToken cancellationToken)
        {
            var request = RequestWriter.Build("GET", $"/v1/services/svc{service}", host);
            var result = await connection.SendAsync(request, cancellationToken);
            return result.Status == 200 ? result.Revision : throw new InvalidOperationException($"Reading svc{service} answered {result.Status}.");
        }
    }
}
