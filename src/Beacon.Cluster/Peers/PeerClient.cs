using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Beacon.Cluster.Membership;
using Beacon.Cluster.Wire;

namespace Beacon.Cluster.Peers;

/// <summary>The calls of the peer protocol (<c>/v1/peer/*</c>), one method each. Errors surface as exceptions.</summary>
public sealed class PeerClient(HttpClient http)
{
    internal const string Ping = "/v1/peer/ping";
    internal const string Replicate = "/v1/peer/replicate";
    internal const string Snapshot = "/v1/peer/snapshot";
    internal const string Digest = "/v1/peer/digest";

    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    public async Task<PingResult> PingAsync(Member peer, CancellationToken cancellationToken)
    {
        var result = await http.GetFromJsonAsync(new Uri(peer.BaseAddress, Ping), PeerJsonContext.Default.PingResult, cancellationToken);
        return result ?? throw new InvalidDataException($"Empty ping answer from {peer.Id}.");
    }

    /// <summary>Sends an encoded <see cref="ReplicationBatch"/>.</summary>
    public async Task<ReplicationResult> ReplicateAsync(Member peer, ReadOnlyMemory<byte> batch, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(batch);
        content.Headers.ContentType = s_json;
        using var response = await http.PostAsync(new Uri(peer.BaseAddress, Replicate), content, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(PeerJsonContext.Default.ReplicationResult, cancellationToken)
            ?? new ReplicationResult { Unknown = [] };
    }

    /// <summary>
    /// Sends this node's bucket checksums; the peer answers the buckets it sees differently. Throws
    /// <see cref="PeerNotReadyException"/> when the peer is still copying its registry.
    /// </summary>
    public async Task<DigestResult> CompareDigestAsync(Member peer, DigestRequest digest, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(peer.BaseAddress, Digest), digest, PeerJsonContext.Default.DigestRequest, cancellationToken);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw new PeerNotReadyException(peer.Id);
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(PeerJsonContext.Default.DigestResult, cancellationToken)
            ?? new DigestResult([], []);
    }

    /// <summary>
    /// Streams a ready peer's whole registry (records and tombstones). Throws
    /// <see cref="PeerNotReadyException"/> when the peer is itself still starting.
    /// </summary>
    public async IAsyncEnumerable<ReplicationItem> SnapshotAsync(Member peer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(peer.BaseAddress, Snapshot));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw new PeerNotReadyException(peer.Id);
        }

        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in JsonSerializer.DeserializeAsyncEnumerable(stream, PeerJsonContext.Default.ReplicationItem, cancellationToken))
        {
            if (item is not null)
            {
                yield return item;
            }
        }
    }
}

/// <summary>The peer is starting and cannot give its registry yet.</summary>
public sealed class PeerNotReadyException(string peer) : Exception($"Peer {peer} is not ready.");
