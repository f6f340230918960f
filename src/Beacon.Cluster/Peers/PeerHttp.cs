using System.Net;
using System.Net.Sockets;

namespace Beacon.Cluster.Peers;

/// <summary>
/// The HTTP client nodes talk to each other with. Its connections leave from the node's own bind
/// address, so on a multi-homed host peers see the address they know the node by, and a firewall
/// rule between two node addresses cuts exactly their link (the partition tests rely on it).
/// </summary>
public static class PeerHttp
{
    public static HttpClient Create(IPAddress? bindAddress, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            MaxConnectionsPerServer = 8,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (bindAddress is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(bindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(bindAddress, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return new HttpClient(handler) { Timeout = timeout };
    }

    /// <summary>
    /// The address to bind outgoing peer connections to: the host of the node's first listen URL
    /// when it is a specific IP address (not a wildcard, not a name).
    /// </summary>
    public static IPAddress? BindAddressFromUrls(string? urls)
    {
        var first = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null || !Uri.TryCreate(first.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return null;
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any)
            ? ip
            : null;
    }
}
