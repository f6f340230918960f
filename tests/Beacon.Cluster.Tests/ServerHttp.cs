using System.Net.Http.Json;
using Beacon.Contracts;

namespace Beacon.Cluster.Tests;

internal static class ServerHttp
{
    public static async Task<ServiceInstances> GetServiceAsync(this HttpClient client, string service, string query = "")
    {
        using var response = await client.GetAsync(BeaconRoutes.Service(service) + query);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.ServiceInstances))!;
    }
}
