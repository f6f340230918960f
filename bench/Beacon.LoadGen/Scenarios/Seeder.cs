using Beacon.LoadGen.Http;
using Beacon.LoadGen.Measurement;

namespace Beacon.LoadGen.Scenarios;

/// <summary>Registers instances before a scenario measures anything (not measured itself).</summary>
public static class Seeder
{
    /// <summary>Registers instances <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1.</summary>
    public static async Task RegisterAsync(LoadTarget target, long first, long count, CancellationToken cancellationToken)
    {
        const int Connections = 16;
        var next = first - 1;
        var end = first + count;
        var raw = target with { Client = Cli.ClientKind.Raw };
        var connections = await raw.ConnectAsync(Connections, cancellationToken);
        try
        {
            await Task.WhenAll(connections.Select(async connection =>
            {
                var request = new byte[2048];
                var body = new byte[1024];
                long n;
                while ((n = Interlocked.Increment(ref next)) < end)
                {
                    var length = InstanceData.WriteRegisterRequest(request, body, n, target.Host);
                    var result = await connection.SendAsync(request.AsMemory(0, length), cancellationToken);
                    if (result.Status is not (200 or 201))
                    {
                        throw new InvalidOperationException($"Registering instance {n} answered {result.Status}.");
                    }
                }
            }));
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
