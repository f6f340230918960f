namespace Beacon.LoadGen.Compare.Runs;

/// <summary>
/// Clients that registered instances and must stay connected while those instances are used: a
/// ZooKeeper ephemeral node lives only as long as the session that created it, and a session only
/// as long as it pings. Renews every few seconds until disposed, then closes the clients.
/// </summary>
public sealed class KeptClients : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _keepAlive;

    public KeptClients(IRegistryClient[] clients)
    {
        Clients = clients;
        _keepAlive = Task.Run(KeepAliveAsync);
    }

    public IRegistryClient[] Clients { get; }

    /// <summary>Stops renewing; call before using the clients for anything else.</summary>
    public async Task PauseAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _keepAlive;
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await PauseAsync();
        await Seeding.CloseAsync(Clients);
        _stop.Dispose();
    }

    private async Task KeepAliveAsync()
    {
        // A third of ZooKeeper's 30-second session timeout, as its own client pings.
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), _stop.Token);
            foreach (var client in Clients)
            {
                await client.RenewAsync(0, _stop.Token);
            }
        }
    }
}
