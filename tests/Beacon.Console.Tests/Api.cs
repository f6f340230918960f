using System.Net.Http.Json;
using System.Text;
using Beacon.Contracts;

namespace Beacon.Console.Tests;

/// <summary>Direct API calls to set up a node and check what the console did.</summary>
internal static class Api
{
    public static async Task RegisterAsync(this HttpClient client, string service, string id, string body = """{"addresses":["http://10.0.0.5:8080"]}""")
    {
        using var response = await client.PutAsync(BeaconRoutes.Instance(service, id), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<InstanceInfo?> FindAsync(this HttpClient client, string service, string id)
    {
        using var response = await client.GetAsync(BeaconRoutes.Instance(service, id));
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.InstanceInfo) : null;
    }
}
