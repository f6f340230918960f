using System.Diagnostics;
using Beacon.LoadGen.Measurement;
using Beacon.LoadGen.Scenarios;

namespace Beacon.LoadGen.Compare.Runs;

/// <summary>
/// Watch latency: <c>watchers</c> clients (spread over the members) watch one service; a writer on
/// member 0 changes it one change at a time, alternately registering and removing an instance, and
/// for every watcher records the time from just before the change was sent to the watcher being
/// notified. The next change goes out once every watcher was notified (and, on ZooKeeper, has set
/// its watch again). What a notification carries differs: Beacon's and etcd's carry the changed
/// instance; ZooKeeper's carries only the path, and its watcher reads the children again.
/// </summary>
public static class WatchRun
{
    /// <summary>The watched service, apart from every other scenario's.</summary>
    public const long Service = 90_000;

    public const int WarmupRounds = 20;

    public sealed record Result(int Rounds, long Notifications, double P50Microseconds, double P99Microseconds, double MaxMicroseconds);

    public static async Task<IReadOnlyList<Result>> RunAsync(
        IRegistrySystem system, int watchers, int runs, int roundsPerRun, CancellationToken cancellationToken)
    {
        var writer = await system.ConnectAsync(0, cancellationToken);
        var clients = new List<IRegistryClient>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = new List<Task>();
        try
        {
            var first = Service * InstanceData.InstancesPerService;
            // One instance that stays, so the service exists before anyone watches it.
            await writer.RegisterAsync(first + InstanceData.InstancesPerService - 1, cancellationToken);
            await Seeding.WaitUntilEveryMemberHoldsAsync(system, Service, 1, cancellationToken);

            var round = new Round(watchers);
            for (var i = 0; i < watchers; i++)
            {
                var client = await system.ConnectAsync(i + 1, cancellationToken);
                clients.Add(client);
                await client.WatchAsync(Service, cancellationToken);
            }

            var latencies = clients.Select(_ => new List<long>()).ToArray();
            for (var i = 0; i < watchers; i++)
            {
                var (client, mine) = (clients[i], latencies[i]);
                loops.Add(Task.Run(() => WatchLoopAsync(client, round, mine, stop.Token), stop.Token));
            }

            var change = 0;
            async Task ChangeAsync()
            {
                // Even changes register instance k, odd ones remove it again.
                var n = first + (change / 2 % (InstanceData.InstancesPerService - 1));
                round.Begin();
                var done = change % 2 == 0
                    ? await writer.RegisterAsync(n, cancellationToken)
                    : await writer.DeregisterAsync(n, cancellationToken);
                change++;
                if (!done)
                {
                    throw new InvalidOperationException($"{system.Name}: change {change} failed.");
                }

                await round.AllReady.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }

            for (var i = 0; i < WarmupRounds; i++)
            {
                await ChangeAsync();
            }

            var results = new List<Result>();
            for (var run = 0; run < runs; run++)
            {
                foreach (var list in latencies)
                {
                    list.Clear();
                }

                for (var i = 0; i < roundsPerRun; i++)
                {
                    await ChangeAsync();
                }

                var histogram = new LatencyHistogram();
                foreach (var ticks in latencies.SelectMany(l => l))
                {
                    histogram.RecordTicks(ticks);
                }

                results.Add(new Result(roundsPerRun, histogram.Count, histogram.PercentileMicroseconds(50),
                    histogram.PercentileMicroseconds(99), histogram.MaxNanoseconds / 1000.0));
            }

            return results;
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(loops.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default)));
            await Seeding.CloseAsync([writer, .. clients]);
        }
    }

    private static async Task WatchLoopAsync(IRegistryClient client, Round round, List<long> latencies, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await client.NextChangeAsync(cancellationToken);
            latencies.Add(Stopwatch.GetTimestamp() - round.StartedAt);
            await client.RearmAsync(cancellationToken);
            round.Ready();
        }
    }

    /// <summary>The change in flight: when it was sent, and how many watchers are done with it.</summary>
    private sealed class Round(int watchers)
    {
        private long _startedAt;
        private int _ready;
        private TaskCompletionSource _allReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long StartedAt => Volatile.Read(ref _startedAt);

        public Task AllReady => _allReady.Task;

        public void Begin()
        {
            _ready = 0;
            _allReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _startedAt, Stopwatch.GetTimestamp());
        }

        public void Ready()
        {
            if (Interlocked.Increment(ref _ready) == watchers)
            {
                _allReady.TrySetResult();
            }
        }
    }
}
