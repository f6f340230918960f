using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;

namespace Beacon.Client.AspNetCore.ServiceDiscovery;

/// <summary>
/// Resolves one service name for Microsoft.Extensions.ServiceDiscovery from the client's cache: the
/// endpoints are the service's candidate instances (healthy, caller's zone first) in weighted order,
/// and the change token fires when Beacon reports a new version, so the resolver refreshes at once
/// instead of polling.
/// </summary>
internal sealed class BeaconServiceEndpointProvider(ServiceEndpointQuery query, BeaconClient client) : IServiceEndpointProvider
{
    public async ValueTask PopulateAsync(IServiceEndpointBuilder endpoints, CancellationToken cancellationToken)
    {
        var view = await client.ResolveAsync(query.ServiceName, cancellationToken);
        foreach (var (_, address) in EndpointOrder.Build(view, query.IncludedSchemes))
        {
            endpoints.Endpoints.Add(ServiceEndpoint.Create(new UriEndPoint(address)));
        }

        endpoints.AddChangeToken(new CancellationChangeToken(view.ChangeToken));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public override string ToString() => $"Beacon({query.ServiceName})";
}
