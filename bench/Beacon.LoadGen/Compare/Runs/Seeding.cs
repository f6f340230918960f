using System.Diagnostics;

namespace Beacon.LoadGen.Compare.Runs;

/// <summary>Registers the instances a scenario reads or renews, and waits until every member holds them (not measured).</summary>
public static class Seeding
{
    public const int Connections = 16;

    /// <summary>
    /// Registers instances [first, first + count) over <see cref="Connections"/> clients, and keeps
    /// those connected (and renewing) until the result is disposed.
    /// </summary>
    public static async Task<KeptClients> RegisterAsync(IRegistrySystem system, long first, long count, CancellationToken cancellationToken)
    {
        var clients = await OpenAsync(system, Connections, cancellationToken);
        try
        {
            await RegisterAsync(clients, first, count, cancellationToken);
            return new KeptClients(clients);
        }
        catch
        {
            await CloseAsync(clients);
            throw;
        }
    }

    /// <summary>Registers instances [first, first + count) over the given clients.</summary>
    public static async Task RegisterAsync(IRegistryClient[] clients, long first, long count, CancellationToken cancellationToken)
    {
        var next = new Counter(first);
        var end = first + count;
        await Task.WhenAll(clients.Select(async client =>
        {
            long n;
            while ((n = next.Next()) < end)
            {
                if (!await client.RegisterAsync(n, cancellationToken))
                {
                    throw new InvalidOperationException($"Registering instance {n} failed.");
                }
            }
        }));
    }

    /// <summary>Waits (polling, at most 60 s) until every member holds <paramref name="expected"/> instances of the service.</summary>
    public static async Task WaitUntilEveryMemberHoldsAsync(IRegistrySystem system, long service, int expected, CancellationToken cancellationToken)
    {
        var members = await OpenAsync(system, (int)system.Topology, cancellationToken);
        try
        {
            var deadline = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
            foreach (var member in members)
            {
                int held;
                while ((held = await member.CountAsync(service, cancellationToken)) < expected)
                {
                    if (Stopwatch.GetTimestamp() > deadline)
                    {
                        throw new TimeoutException($"{system.Name}: a member holds {held} of {expected} instances of svc{service} after 60 s.");
                    }

                    await Task.Delay(50, cancellationToken);
                }
            }
        }
        finally
        {
            await CloseAsync(members);
        }
    }

    public static async Task<IRegistryClient[]> OpenAsync(IRegistrySystem system, int count, CancellationToken cancellationToken) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => system.ConnectAsync(i, cancellationToken)));

    public static async Task CloseAsync(IEnumerable<IRegistryClient> clients)
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
