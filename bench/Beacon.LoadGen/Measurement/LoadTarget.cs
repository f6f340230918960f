using System.Net;
using Beacon.LoadGen.Cli;
using Beacon.LoadGen.Http;

namespace Beacon.LoadGen.Measurement;

/// <summary>The server under load: where it listens, its process (for CPU time) and how to connect.</summary>
/// <param name="Pid">The server's process id, or null for a server given by URL (no CPU figures then).</param>
public sealed record LoadTarget(IPEndPoint EndPoint, int? Pid, ClientKind Client)
{
    public string Host => EndPoint.ToString();

    /// <summary>Opens <paramref name="count"/> connections (HttpClient ones share one pool of that size).</summary>
    public async Task<ILoadConnection[]> ConnectAsync(int count, CancellationToken cancellationToken)
    {
        if (Client == ClientKind.HttpClient)
        {
            var client = HttpClientConnection.CreateClient(new Uri($"http://{Host}"), count);
            return [.. Enumerable.Range(0, count).Select(_ => (ILoadConnection)new HttpClientConnection(client))];
        }

        var connections = new ILoadConnection[count];
        for (var i = 0; i < count; i++)
        {
            // 64 KiB: a 100-instance discovery answer (~48 KB) arrives in one receive.
            connections[i] = await RawHttpConnection.ConnectAsync(EndPoint, cancellationToken, bufferSize: 64 * 1024);
        }

        return connections;
    }
}
