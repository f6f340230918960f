using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.Extensions.ServiceDiscovery;

namespace Beacon.Client.AspNetCore.ServiceDiscovery;

/// <summary>
/// Claims every service name that could be a Beacon service: not an IP address and not
/// <c>localhost</c>, which are left to the other providers (pass-through).
/// </summary>
internal sealed class BeaconServiceEndpointProviderFactory(BeaconClient client) : IServiceEndpointProviderFactory
{
    public bool TryCreateProvider(ServiceEndpointQuery query, [NotNullWhen(true)] out IServiceEndpointProvider? provider)
    {
        var name = query.ServiceName;
        if (IPAddress.TryParse(name, out _) || name.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            provider = null;
            return false;
        }

        provider = new BeaconServiceEndpointProvider(query, client);
        return true;
    }
}
