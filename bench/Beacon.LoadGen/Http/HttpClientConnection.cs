using System.Net.Http.Headers;

namespace Beacon.LoadGen.Http;

/// <summary>
/// The same requests sent through <see cref="HttpClient"/> (SocketsHttpHandler, keep-alive), to
/// measure what the standard client itself costs next to <see cref="RawHttpConnection"/>
/// (<c>--client httpclient</c>). Every instance shares one handler whose pool holds one connection
/// per concurrent worker.
/// </summary>
public sealed class HttpClientConnection(HttpClient client) : ILoadConnection
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static HttpClient CreateClient(Uri server, int concurrency) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            AllowAutoRedirect = false,
        })
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromMinutes(2),
            DefaultRequestVersion = System.Net.HttpVersion.Version11,
        };

    public async ValueTask<HttpResult> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        var (method, path, body) = RequestWriter.Split(request);
        using var message = new HttpRequestMessage(new HttpMethod(method), path);
        if (!body.IsEmpty)
        {
            message.Content = new ReadOnlyMemoryContent(body);
            message.Content.Headers.ContentType = Json;
        }

        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var revision = response.Headers.TryGetValues("X-Beacon-Revision", out var values) &&
                       long.TryParse(values.FirstOrDefault(), out var parsed) ? parsed : -1;
        var bodyLength = response.Content.Headers.ContentLength ?? 0;
        return new HttpResult((int)response.StatusCode, revision, bodyLength);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
