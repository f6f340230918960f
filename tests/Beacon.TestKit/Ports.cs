using System.Net;
using System.Net.Sockets;

namespace Beacon.TestKit;

/// <summary>Free loopback ports for nodes that must know each other's address before they start.</summary>
public static class Ports
{
    private static readonly Lock s_lock = new();
    private static readonly HashSet<int> s_handedOut = [];

    /// <summary>A port nothing listens on now, never handed out before in this process.</summary>
    public static int Free()
    {
        lock (s_lock)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (s_handedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
