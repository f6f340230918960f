using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Beacon.Client.Tests.Support;

/// <summary>Starting nodes the way client tests need them.</summary>
public static class Nodes
{
    /// <summary>
    /// A node that stops like a crash: a graceful stop would wait for the clients' open watch streams
    /// (up to the host's shutdown timeout); this one cuts them after 100 ms.
    /// </summary>
    public static Task<BeaconTestNode> StartAsync(Action<IServiceCollection>? services = null) =>
        BeaconTestNode.StartAsync(services: s =>
        {
            s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(100));
            services?.Invoke(s);
        });

    /// <summary>
    /// A node on a given port: "the same node, restarted" (same address, empty registry, new revisions).
    /// </summary>
    public static Task<BeaconTestNode> StartOnAsync(Uri address) =>
        BeaconTestNode.StartAsync(
            new Dictionary<string, string?> { ["urls"] = address.GetLeftPart(UriPartial.Authority) },
            services: s => s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(100)));

    /// <summary>An address nothing listens on: a node that is down.</summary>
    public static string DeadAddress()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
