using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Beacon.Client.AspNetCore.Hosting;

/// <summary>Turns the server's bound URLs into addresses other machines can call.</summary>
internal static class SelfAddresses
{
    public static List<string> FromBoundUrls(IEnumerable<string> boundUrls, string? host)
    {
        var addresses = new List<string>();
        foreach (var url in boundUrls)
        {
            // Kestrel reports wildcards that Uri cannot parse ("http://*:80", "http://+:80").
            var parseable = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(parseable, UriKind.Absolute, out var uri))
            {
                continue;
            }

            var builder = new UriBuilder(uri.Scheme, uri.Host, uri.Port);
            if (IsWildcard(uri.Host))
            {
                builder.Host = host ?? DetectHost();
            }

            var address = builder.Uri.GetLeftPart(UriPartial.Authority);
            if (!addresses.Contains(address))
            {
                addresses.Add(address);
            }
        }

        return addresses;
    }

    private static bool IsWildcard(string host) =>
        host is "0.0.0.0" or "[::]" or "::" ;

    /// <summary>The first IPv4 address of an interface that is up and not loopback; else the machine name.</summary>
    internal static string DetectHost()
    {
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return address?.ToString() ?? Dns.GetHostName();
    }
}
