using Beacon.TestKit;

namespace Beacon.Client.Tests.Support;

/// <summary>Starting nodes the way client tests need them.</summary>
public static class Nodes
{
    /// <summary>
    /// A node on a given port: "the same node, restarted" (same address, empty registry, new revisions).
    /// </summary>
    public static Task<BeaconTestNode> StartOnAsync(Uri address) =>
        BeaconTestNode.StartAsync(new Dictionary<string, string?> { ["urls"] = address.GetLeftPart(UriPartial.Authority) });

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
