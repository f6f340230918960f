using System.Net.Http.Json;
using System.Text;
using Beacon.Contracts;

namespace Beacon.Server.Tests;

/// <summary>Short-hands for the API calls the tests make.</summary>
internal static class Http
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> RegisterAsync(
        this HttpClient client, string service, string id, string? body = null, string? ns = null) =>
        client.PutAsync(BeaconRoutes.Instance(service, id) + (ns is null ? "" : $"?namespace={ns}"),
            Json(body ?? """{"addresses":["http://10.0.0.5:8080"]}"""));

    public static async Task<InstanceInfo> RegisterOkAsync(this HttpClient client, string service, string id, string? body = null, string? ns = null)
    {
        using var response = await client.RegisterAsync(service, id, body, ns);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.InstanceInfo))!;
    }

    public static async Task<ServiceInstances> GetServiceAsync(this HttpClient client, string service, string query = "")
    {
        using var response = await client.GetAsync(BeaconRoutes.Service(service) + query);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.ServiceInstances))!;
    }

    public static async Task<Problem> ProblemAsync(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonSerializer.Deserialize(text, BeaconJsonContext.Default.Problem)!;
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        return problem;
    }
}
