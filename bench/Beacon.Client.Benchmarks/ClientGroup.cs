namespace Beacon.Client.Benchmarks;

/// <summary>
/// Watching clients that the rounds drive alike, in the harness's process (<see cref="LocalClients"/>)
/// or in a child process (<see cref="ChildClients"/>). A round first arms every group for the change
/// it is about to make, then makes it, then collects when each client saw it.
/// </summary>
internal abstract class ClientGroup : IAsyncDisposable
{
    /// <summary>Expect <paramref name="id"/> to appear (or go); completes when every client watches for it.</summary>
    public abstract Task ArmAsync(string id, bool present);

    /// <summary>Completes when every client has seen what it was armed for.</summary>
    public abstract Task<GroupArrivals> ArrivedAsync();

    /// <summary>CPU time the group's own process used, beyond the harness's process (which is counted anyway).</summary>
    public abstract TimeSpan ExtraCpuTime { get; }

    public abstract ValueTask DisposeAsync();
}

/// <summary>
/// What one group saw in a round: each client's arrival (<see cref="System.Diagnostics.Stopwatch"/>
/// timestamps), and what its own process's runtime did meanwhile (zero for clients in the harness's
/// process, whose runtime the harness reads itself).
/// </summary>
internal sealed record GroupArrivals(long[] Timestamps, int Collections, TimeSpan Pause, long Allocated, long CompiledMethods);

/// <summary>Clients in this process.</summary>
internal sealed class LocalClients(BeaconClient[] clients, string service) : ClientGroup
{
    private readonly ArrivalObserver[] _observers = [.. clients.Select(c => new ArrivalObserver(c, service))];
    private ArrivalRound? _round;

    public override TimeSpan ExtraCpuTime => TimeSpan.Zero;

    public static async Task<LocalClients> StartAsync(Uri node, int count, string service)
    {
        var clients = Enumerable.Range(0, count)
            .Select(_ => new BeaconClientBuilder().WithNodes(node.ToString()).Configure(o =>
            {
                o.DiskCache = false;
                // A thousand clients connecting at once on two cores: give the first requests time.
                o.RequestTimeout = TimeSpan.FromSeconds(60);
                o.ConnectTimeout = TimeSpan.FromSeconds(30);
            }).Build())
            .ToArray();
        await Task.WhenAll(clients.Select(c => c.ResolveAsync(service).AsTask()));
        return new LocalClients(clients, service);
    }

    public override Task ArmAsync(string id, bool present)
    {
        _round = new ArrivalRound(_observers.Length);
        foreach (var observer in _observers)
        {
            observer.Expect(id, present, _round);
        }

        return Task.CompletedTask;
    }

    public override async Task<GroupArrivals> ArrivedAsync()
    {
        await _round!.All.WaitAsync(TimeSpan.FromSeconds(60));
        return new GroupArrivals([.. _observers.Select(o => o.Arrival)], 0, TimeSpan.Zero, 0, 0);
    }

    public override async ValueTask DisposeAsync() =>
        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
}
