using System.Diagnostics;
using Beacon.LoadGen.Processes;

namespace Beacon.LoadGen.Compare.Runs;

/// <summary>
/// Memory at scale: the members' resident memory (VmRSS) before and after registering 100,000
/// instances in 1,000 services, each member idle and then left to settle for <see cref="Settle"/>
/// (the clients renewing meanwhile) at both readings: what a dashboard shows for a registry that has
/// loaded and gone quiet, not the moment the burst ends. Resident memory is what the operating system
/// gives each process, measured the same way for all three; it includes what their runtimes hold
/// beyond live data (garbage not yet collected, heap kept for reuse, caches).
/// </summary>
public static class ScaleRun
{
    public const int Instances = 100_000;

    /// <summary>Registered before the first reading, so code paths, pools and parents exist already.</summary>
    public const int Warmup = 1_000;

    /// <summary>How long every member is left quiet before a reading (the same for every system).</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    public sealed record Result(long RssBefore, long RssAfter, double BytesPerInstancePerMember, double RegistrationsPerSecond);

    public static async Task<Result> RunAsync(IRegistrySystem system, CancellationToken cancellationToken)
    {
        var clients = await Seeding.OpenAsync(system, Seeding.Connections, cancellationToken);
        try
        {
            await Seeding.RegisterAsync(clients, 0, Warmup, cancellationToken);
            var before = await IdleResidentBytesAsync(system, clients, cancellationToken);
            var started = Stopwatch.GetTimestamp();
            await Seeding.RegisterAsync(clients, Warmup, Instances, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var after = await IdleResidentBytesAsync(system, clients, cancellationToken);
            return new Result(before, after, (after - before) / (double)system.Pids.Count / Instances, Instances / elapsed.TotalSeconds);
        }
        finally
        {
            await Seeding.CloseAsync(clients);
        }
    }

    /// <summary>Waits until every member is idle and then <see cref="Settle"/>, then sums their resident memory; the clients keep renewing meanwhile.</summary>
    private static async Task<long> IdleResidentBytesAsync(IRegistrySystem system, IRegistryClient[] clients, CancellationToken cancellationToken)
    {
        var kept = new KeptClients(clients);
        try
        {
            foreach (var pid in system.Pids)
            {
                await ProcessStats.WaitUntilIdleAsync(pid, TimeSpan.FromSeconds(120), cancellationToken);
            }

            await Task.Delay(Settle, cancellationToken);
            return system.Pids.Sum(ProcessStats.ResidentBytes);
        }
        finally
        {
            await kept.PauseAsync();
        }
    }
}
