using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Beacon.Client.Errors;
using Beacon.Client.Json;
using Beacon.Contracts;

namespace Beacon.Client.Transport;

/// <summary>The registry's HTTP API as typed calls, over the failover transport. One method per endpoint.</summary>
internal sealed class RegistryApi(RegistryTransport transport, BeaconClientOptions options)
{
    private static readonly BeaconJsonContext s_json = BeaconJsonContext.Default;

    public RegistryTransport Transport => transport;

    public async Task<InstanceInfo> RegisterAsync(string service, string id, RegisterInstanceRequest body, CancellationToken cancellationToken)
    {
        var path = BeaconRoutes.Instance(service, id) + NamespaceQuery(options.Namespace);
        var json = JsonSerializer.SerializeToUtf8Bytes(body, s_json.RegisterInstanceRequest);
        return await SendJsonAsync($"Registering {service}/{id}", HttpMethod.Put, path, json, s_json.InstanceInfo, cancellationToken);
    }

    public async Task<InstanceInfo> PatchAsync(string service, string id, PatchInstanceRequest body, CancellationToken cancellationToken)
    {
        var path = BeaconRoutes.Instance(service, id) + NamespaceQuery(options.Namespace);
        var json = JsonSerializer.SerializeToUtf8Bytes(body, s_json.PatchInstanceRequest);
        return await SendJsonAsync($"Updating {service}/{id}", HttpMethod.Patch, path, json, s_json.InstanceInfo, cancellationToken);
    }

    /// <summary>Deregisters; false when the registry did not know the instance (nothing to do).</summary>
    public async Task<bool> DeregisterAsync(string service, string id, CancellationToken cancellationToken)
    {
        var what = $"Deregistering {service}/{id}";
        var path = BeaconRoutes.Instance(service, id) + NamespaceQuery(options.Namespace);
        var (response, _) = await transport.SendAsync(what, node => new HttpRequestMessage(HttpMethod.Delete, new Uri(node, path)),
            options.RequestTimeout, cancellationToken);
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }

            await EnsureSuccessAsync(response, what, cancellationToken);
            return true;
        }
    }

    public async Task<HeartbeatBatchResult> HeartbeatAsync(HeartbeatBatchRequest body, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(body, s_json.HeartbeatBatchRequest);
        return await SendJsonAsync($"Heartbeat of {body.Instances?.Count} instances", HttpMethod.Post, BeaconRoutes.Heartbeats, json,
            s_json.HeartbeatBatchResult, cancellationToken);
    }

    /// <summary>
    /// Reads a service with every instance whatever its status (the client filters, so it can tell
    /// "down" from "gone").
    /// </summary>
    public async Task<ReadResult> GetServiceAsync(string @namespace, string service, CancellationToken cancellationToken)
    {
        var what = $"Reading {service}";
        var path = BeaconRoutes.Service(service) + NamespaceQuery(@namespace) + "&status=all&healthy=any";
        var (response, node) = await transport.SendAsync(what, n => new HttpRequestMessage(HttpMethod.Get, new Uri(n, path)),
            options.RequestTimeout, cancellationToken);
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                var error = await ProblemMapper.ToExceptionAsync(response, what, cancellationToken);
                return error is BeaconNotFoundException
                    ? new ReadResult(ReadOutcome.NotFound, null, node)
                    : throw error;
            }

            await EnsureSuccessAsync(response, what, cancellationToken);
            var body = await response.Content.ReadFromJsonAsync(ClientJson.ServiceInstances, cancellationToken)
                ?? throw new BeaconException($"{what}: the registry answered an empty body.");
            return new ReadResult(ReadOutcome.Changed, body, node);
        }
    }

    /// <summary>
    /// Opens the watch stream (Server-Sent Events) of <paramref name="services"/>. With
    /// <paramref name="resumeAfter"/>, the request carries <c>Last-Event-ID</c>, but only to
    /// <paramref name="resumeNode"/>: event ids are that node's revisions and mean nothing elsewhere.
    /// </summary>
    public async Task<(HttpResponseMessage Response, Uri Node)> OpenWatchAsync(
        string @namespace, IReadOnlyList<string> services, string? resumeAfter, Uri? resumeNode, CancellationToken cancellationToken)
    {
        var what = $"Watching {services.Count} services";
        var path = BeaconRoutes.Watch + NamespaceQuery(@namespace) + "&services=" + string.Join(',', services.Select(Uri.EscapeDataString));
        var (response, node) = await transport.SendAsync(what, n =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(n, path));
            request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (resumeAfter is not null && n == resumeNode)
            {
                request.Headers.TryAddWithoutValidation("Last-Event-ID", resumeAfter);
            }

            return request;
        }, options.RequestTimeout, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ProblemMapper.ToExceptionAsync(response, what, cancellationToken);
            }
        }

        return (response, node);
    }

    private async Task<T> SendJsonAsync<T>(
        string what, HttpMethod method, string path, byte[] json, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        var (response, _) = await transport.SendAsync(what, node =>
        {
            var content = new ByteArrayContent(json);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return new HttpRequestMessage(method, new Uri(node, path)) { Content = content };
        }, options.RequestTimeout, cancellationToken);
        using (response)
        {
            await EnsureSuccessAsync(response, what, cancellationToken);
            return await response.Content.ReadFromJsonAsync(answer, cancellationToken)
                ?? throw new BeaconException($"{what}: the registry answered an empty body.");
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemMapper.ToExceptionAsync(response, what, cancellationToken);
        }
    }

    private static string NamespaceQuery(string @namespace) => "?namespace=" + Uri.EscapeDataString(@namespace);
}
