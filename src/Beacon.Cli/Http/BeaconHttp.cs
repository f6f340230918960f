using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Beacon.Contracts;

namespace Beacon.Cli.Http;

/// <summary>
/// The HTTP API as the tool needs it. Every failure becomes one of two exceptions: the server
/// answered an error (<see cref="ServerProblemException"/>) or did not answer
/// (<see cref="ServerUnreachableException"/>), which map to exit codes 1 and 3.
/// </summary>
public sealed class BeaconHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly string _namespace;

    public BeaconHttp(Uri server, string @namespace, HttpMessageHandler? handler, TimeSpan timeout)
    {
        Server = server;
        _namespace = @namespace;
        // A bounded connect timeout: a streaming command has no overall timeout, but must still fail
        // fast on a host that drops packets.
        _client = handler is null
            ? new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
            : new HttpClient(handler, disposeHandler: false);
        _client.BaseAddress = server;
        _client.Timeout = timeout;
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("beacon-cli", "1.0"));
    }

    public Uri Server { get; }

    public Task<ServiceList> ListServicesAsync(CancellationToken cancellationToken) =>
        GetAsync(WithNamespace(BeaconRoutes.Services), BeaconJsonContext.Wire.ServiceList, cancellationToken);

    public Task<ServiceInstances> GetServiceAsync(string service, string status, string healthy, string? zone, CancellationToken cancellationToken)
    {
        var query = $"status={Uri.EscapeDataString(status)}&healthy={Uri.EscapeDataString(healthy)}" +
            (zone is null ? "" : $"&zone={Uri.EscapeDataString(zone)}");
        return GetAsync(WithNamespace(BeaconRoutes.Service(service), query), BeaconJsonContext.Wire.ServiceInstances, cancellationToken);
    }

    public Task<NodeStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        GetAsync(BeaconRoutes.Status, BeaconJsonContext.Wire.NodeStatus, cancellationToken);

    /// <summary>The cluster's members, or null when the node runs alone (no cluster endpoint: 404).</summary>
    public async Task<ClusterMembers?> GetMembersAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, BeaconRoutes.ClusterMembers), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return await ReadAsync(response, BeaconJsonContext.Wire.ClusterMembers, cancellationToken);
    }

    public async Task<(InstanceInfo Instance, bool Created)> RegisterAsync(
        string service, string id, RegisterInstanceRequest body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, WithNamespace(BeaconRoutes.Instance(service, id)))
        {
            Content = Json(body, BeaconJsonContext.Wire.RegisterInstanceRequest),
        };
        using var response = await SendAsync(request, cancellationToken);
        var instance = await ReadAsync(response, BeaconJsonContext.Wire.InstanceInfo, cancellationToken);
        return (instance, response.StatusCode == HttpStatusCode.Created);
    }

    public async Task<InstanceInfo> PatchAsync(string service, string id, PatchInstanceRequest body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, WithNamespace(BeaconRoutes.Instance(service, id)))
        {
            Content = Json(body, BeaconJsonContext.Wire.PatchInstanceRequest),
        };
        using var response = await SendAsync(request, cancellationToken);
        return await ReadAsync(response, BeaconJsonContext.Wire.InstanceInfo, cancellationToken);
    }

    /// <summary>Renews the lease; false when the server no longer knows the instance (register again).</summary>
    public async Task<bool> HeartbeatAsync(string service, string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, WithNamespace(BeaconRoutes.Heartbeat(service, id))), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    public async Task DeregisterAsync(string service, string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, WithNamespace(BeaconRoutes.Instance(service, id))), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Opens the watch stream (<c>text/event-stream</c>); the caller reads and disposes it.</summary>
    public async Task<HttpResponseMessage> OpenWatchAsync(IReadOnlyList<string> services, string? lastEventId, CancellationToken cancellationToken)
    {
        var path = WithNamespace(BeaconRoutes.Watch, "services=" + string.Join(',', services.Select(Uri.EscapeDataString)));
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await SendAsync(request, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        return await ReadAsync(response, type, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using (request)
        {
            try
            {
                return await _client.SendAsync(request, completion, cancellationToken);
            }
            catch (HttpRequestException e) when (e.StatusCode is null)
            {
                throw new ServerUnreachableException(Server, Describe(e), e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient reports its own timeout as a cancellation nobody asked for.
                throw new ServerUnreachableException(Server, $"no answer within {_client.Timeout.TotalSeconds:0} s", e);
            }
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(body, type, cancellationToken)
            ?? throw new ServerProblemException((int)response.StatusCode, new Problem { Detail = "The server answered an empty body." });
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Problem? problem = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                problem = JsonSerializer.Deserialize(text, BeaconJsonContext.Wire.Problem);
            }
            catch (JsonException)
            {
                // Not a problem document after all: fall back to the status line below.
            }
        }

        problem ??= new Problem
        {
            Status = status,
            Title = response.ReasonPhrase,
            Detail = $"The server answered {status} {response.ReasonPhrase}" + (text.Length is > 0 and <= 200 ? $": {text.Trim()}" : "."),
        };
        throw new ServerProblemException(status, problem);
    }

    private string WithNamespace(string path, string? query = null)
    {
        var parts = new List<string>(2);
        if (query is not null)
        {
            parts.Add(query);
        }

        if (_namespace != BeaconRoutes.DefaultNamespace)
        {
            parts.Add("namespace=" + Uri.EscapeDataString(_namespace));
        }

        return parts.Count == 0 ? path : path + "?" + string.Join('&', parts);
    }

    private static StringContent Json<T>(T body, JsonTypeInfo<T> type) =>
        new(JsonSerializer.Serialize(body, type), Encoding.UTF8, "application/json");

    private static string Describe(HttpRequestException e) => e.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused (is a node running there?)",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => "unknown host",
        SocketException s => s.Message,
        IOException io => io.Message,
        _ => e.Message,
    };
}
