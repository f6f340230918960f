using System.Text.Json;
using Beacon.Cluster.AntiEntropy;
using Beacon.Cluster.Membership;
using Beacon.Cluster.Replication;
using Beacon.Cluster.Wire;
using Beacon.Core;
using Beacon.Core.Registry;
using Beacon.Core.Validation;
using Beacon.Core.Versioning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Beacon.Cluster.Api;

/// <summary>
/// The peer protocol, <c>/v1/peer/*</c>: what nodes call on each other. Everything a node receives
/// here is a replica: it is applied, and never replicated again (except that a cross-zone batch is
/// spread inside this node's zone).
/// </summary>
public static class PeerEndpoints
{
    public static RouteGroupBuilder MapPeerApi(this IEndpointRouteBuilder endpoints)
    {
        var peer = endpoints.MapGroup("/v1/peer");
        peer.MapGet("/ping", Ping);
        peer.MapPost("/replicate", ReplicateAsync);
        peer.MapGet("/snapshot", SnapshotAsync);
        peer.MapPost("/digest", DigestAsync);
        return peer;
    }

    private static IResult Ping(ServiceRegistry registry, NodeReadiness readiness) =>
        TypedResults.Json(new PingResult(registry.NodeId, registry.Options.Zone, readiness.IsReady, registry.Changes.Revision),
            PeerJsonContext.Default.PingResult);

    private static async Task<IResult> ReplicateAsync(
        HttpContext context, ServiceRegistry registry, MemberSet members, Replicator replicator, ILogger<Replicator> logger)
    {
        var batch = await ReadAsync(context, PeerJsonContext.Default.ReplicationBatch);
        // [JsonRequired] checks that a property is there, not that it is not null.
        if (batch is not { From: not null, Items: not null })
        {
            return TypedResults.BadRequest();
        }

        var unknown = new List<InstanceKey>();
        Apply(registry, members, replicator, logger, batch, unknown);

        return TypedResults.Json(new ReplicationResult { Unknown = unknown }, PeerJsonContext.Default.ReplicationResult);
    }

    private static void Apply(ServiceRegistry registry, MemberSet members, Replicator replicator, ILogger logger, ReplicationBatch batch, List<InstanceKey> unknown)
    {
        members.Find(batch.From)?.Contacted(members.NowMs);
        var forward = batch.CrossZone ? new List<ReplicationItem>() : null;
        List<ReplicationItem>? flood = null;
        foreach (var item in batch.Items)
        {
            if (item is null)
            {
                Log.BadItem(logger, "", "", "The item is null.");
                continue;
            }

            try
            {
                var outcome = Apply(registry, item);
                if (outcome == ApplyOutcome.Unknown)
                {
                    unknown.Add(new InstanceKey(item.Namespace, item.Service, item.Id));
                }
                else if (outcome == ApplyOutcome.Applied && IsMembership(item))
                {
                    // Membership records flood: a node that learns something new about a member tells
                    // all its peers, so nodes that know only a seed still learn of each other. It stops
                    // where the news is no longer new.
                    (flood ??= []).Add(item);
                }
                else if (outcome == ApplyOutcome.Applied || item.Kind == ReplicationKind.Renew)
                {
                    forward?.Add(item);
                }
            }
            catch (Exception e) when (e is InvalidArgumentException or ArgumentException or NullReferenceException)
            {
                Log.BadItem(logger, item.Service, item.Id, e.Message);
            }
        }

        if (forward is not null)
        {
            replicator.ForwardInZone(forward);
        }

        if (flood is not null)
        {
            replicator.Flood(flood);
        }
    }

    private static bool IsMembership(ReplicationItem item) =>
        item.Namespace == Membership.Sources.RegistrySource.Namespace && item.Service == Membership.Sources.RegistrySource.Service;

    /// <summary>
    /// A batch of 2,000 records is a few MB: more than the client API allows (1 MiB), so peer requests
    /// get their own limit.
    /// </summary>
    private const long MaxPeerBodyBytes = 64L * 1024 * 1024;

    private static async Task<T?> ReadAsync<T>(HttpContext context, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxPeerBodyBytes;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static ApplyOutcome Apply(ServiceRegistry registry, ReplicationItem item) => item.Kind switch
    {
        ReplicationKind.Put => registry.ApplyReplica(PeerMapper.ToCore(item.Instance ?? throw new ArgumentException("A put carries no instance."))),
        ReplicationKind.Remove => registry.ApplyReplicaRemoval(item.Namespace, item.Service, item.Id,
            new Stamp(item.StampClock, string.Intern(item.StampOrigin ?? "")), item.Op ?? Contracts.ChangeOp.Deregistered),
        ReplicationKind.Renew => registry.ApplyReplicaRenewal(item.Namespace, item.Service, item.Id, item.At, string.Intern(item.Via ?? "")),
        _ => throw new ArgumentException($"Unknown item kind {item.Kind}."),
    };

    /// <summary>The whole registry, records and tombstones, as one streamed JSON array (a joining node's copy).</summary>
    private static async Task SnapshotAsync(HttpContext context, ServiceRegistry registry, NodeReadiness readiness)
    {
        if (!readiness.IsReady)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartArray();
        var written = 0;
        foreach (var service in registry.AllServices())
        {
            foreach (var instance in service.Snapshot.Instances)
            {
                JsonSerializer.Serialize(writer, PeerMapper.Put(instance), PeerJsonContext.Default.ReplicationItem);
                written++;
            }

            foreach (var tombstone in service.Tombstones.Values)
            {
                JsonSerializer.Serialize(writer, PeerMapper.Remove(service.Namespace, service.Name, tombstone.Id, tombstone.Stamp, tombstone.Op),
                    PeerJsonContext.Default.ReplicationItem);
                written++;
            }

            if (written >= 500)
            {
                written = 0;
                await writer.FlushAsync(context.RequestAborted);
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(context.RequestAborted);
    }

    private static async Task<IResult> DigestAsync(HttpContext context, MemberSet members, AntiEntropyService antiEntropy, NodeReadiness readiness)
    {
        if (!readiness.IsReady)
        {
            // Still copying the registry: every bucket would differ, and the peer would send it all again.
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var digest = await ReadAsync(context, PeerJsonContext.Default.DigestRequest);
        if (digest is not { From: not null, Buckets: not null })
        {
            return TypedResults.BadRequest();
        }

        members.Find(digest.From)?.Contacted(members.NowMs);
        return TypedResults.Json(antiEntropy.Compare(digest), PeerJsonContext.Default.DigestResult);
    }
}
