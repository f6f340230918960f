using System.Net.Http.Headers;
using Beacon.Client.Errors;
using Microsoft.Extensions.Logging;

namespace Beacon.Client.Transport;

/// <summary>
/// Sends one logical request to the registry, trying the nodes in the selector's order until one
/// answers. Unreachable nodes, timeouts and 5xx answers (including a starting node's 503
/// <c>not-ready</c>) move on to the next node; every other answer, success or 4xx, is the registry's
/// word and goes back to the caller.
/// </summary>
internal sealed class RegistryTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly NodeSelector _nodes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RegistryTransport(BeaconClientOptions options, NodeSelector nodes, TimeProvider time, ILogger logger)
    {
        _nodes = nodes;
        _time = time;
        _logger = logger;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            // Re-resolve DNS names of nodes now and then, and spread load after a node comes back.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // Discovery answers come gzip-compressed (~15x smaller), compressed once per snapshot by the node.
            AutomaticDecompression = System.Net.DecompressionMethods.GZip,
            UseProxy = false,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("beacon-dotnet", "1.0"));
        if (options.Token is { Length: > 0 } token)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public NodeSelector Nodes => _nodes;

    /// <summary>
    /// Sends the request built by <paramref name="build"/> (called once per node tried, with the node's
    /// base address). Returns the answer of the first node that gave one; the caller disposes it.
    /// <paramref name="timeout"/> bounds the whole answer, or only its headers for a stream
    /// (<see cref="HttpCompletionOption.ResponseHeadersRead"/>).
    /// </summary>
    /// <exception cref="BeaconUnavailableException">Every node failed.</exception>
    public async Task<(HttpResponseMessage Response, Uri Node)> SendAsync(
        string what, Func<Uri, HttpRequestMessage> build, TimeSpan timeout, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var plan = _nodes.Plan();
        Exception? last = null;
        foreach (var node in plan)
        {
            using var deadline = new CancellationTokenSource(timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
            HttpResponseMessage response;
            try
            {
                using var request = build(node.BaseAddress);
                response = await _http.SendAsync(request, completion, linked.Token);
            }
            catch (HttpRequestException e)
            {
                last = e;
                Fail(node, what, e.Message);
                continue;
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                last = new TimeoutException($"No answer within {timeout}.", e);
                Fail(node, what, last.Message);
                continue;
            }

            if (ProblemMapper.IsNodeFailure(response.StatusCode))
            {
                using (response)
                {
                    last = await ProblemMapper.ToExceptionAsync(response, what, cancellationToken);
                }

                Fail(node, what, last.Message);
                continue;
            }

            _nodes.Succeeded(node);
            return (response, node.BaseAddress);
        }

        throw new BeaconUnavailableException(
            $"{what}: no registry node answered (tried {string.Join(", ", plan.Select(n => n.BaseAddress))}). Last error: {last?.Message}",
            last);
    }

    /// <summary>A node broke a stream it had answered: try another one first next time.</summary>
    public void StreamFailed(Uri node, string what, string reason)
    {
        if (_nodes.Find(node) is { } failed)
        {
            Fail(failed, what, reason);
        }
    }

    private void Fail(RegistryNode node, string what, string reason)
    {
        Log.NodeFailed(_logger, node.BaseAddress, what, reason);
        _nodes.Failed(node);
    }

    public void Dispose() => _http.Dispose();
}
