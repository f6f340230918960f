using System.Net.Http.Json;
using System.Text;
using Beacon.Contracts;

namespace Beacon.TestKit;

/// <summary>The API calls tests make to set up a node and check it, without going through the code under test.</summary>
public static class ApiCalls
{
    public const string DefaultBody = """{"addresses":["http://10.0.0.5:8080"]}""";

    /// <summary>Registers an instance; the caller checks the answer.</summary>
    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string service, string id, string? body = null, string? ns = null) =>
        client.PutAsync(BeaconRoutes.Instance(service, id) + (ns is null ? "" : $"?namespace={ns}"),
            new StringContent(body ?? DefaultBody, Encoding.UTF8, "application/json"));

    /// <summary>Registers an instance, asserting success; returns the stored instance.</summary>
    public static async Task<InstanceInfo> RegisterOkAsync(this HttpClient client, string service, string id, string? body = null, string? ns = null)
    {
        using var response = await client.RegisterAsync(service, id, body, ns);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.InstanceInfo))!;
    }

    /// <summary>The instance, or null when the node does not know it.</summary>
    public static async Task<InstanceInfo?> FindAsync(this HttpClient client, string service, string id)
    {
        using var response = await client.GetAsync(BeaconRoutes.Instance(service, id));
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.InstanceInfo) : null;
    }

    /// <summary>Discovers a service, asserting success.</summary>
    public static async Task<ServiceInstances> GetServiceAsync(this HttpClient client, string service, string query = "")
    {
        using var response = await client.GetAsync(BeaconRoutes.Service(service) + query);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.ServiceInstances))!;
    }
}
