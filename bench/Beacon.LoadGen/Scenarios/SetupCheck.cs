namespace Beacon.LoadGen.Scenarios;

/// <summary>
/// Checks once, with a plain HttpClient, that a scenario's request does what it claims (the load
/// loop reads only status codes), so a benchmark cannot quietly measure an error path.
/// </summary>
public static class SetupCheck
{
    public static async Task<string> SendAsync(
        Measurement.LoadTarget target, HttpMethod method, string path, byte[]? jsonBody, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://{target.Host}") };
        using var request = new HttpRequestMessage(method, path);
        if (jsonBody is not null)
        {
            request.Content = new ByteArrayContent(jsonBody);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? text
            : throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
    }

    public static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Setup check failed: {what}");
        }
    }
}
