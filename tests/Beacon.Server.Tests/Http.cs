using System.Net.Http.Json;
using System.Text;
using Beacon.Contracts;

namespace Beacon.Server.Tests;

/// <summary>Short-hands for the API calls the tests make.</summary>
internal static class Http
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

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
