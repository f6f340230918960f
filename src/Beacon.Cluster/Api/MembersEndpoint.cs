using Beacon.Cluster.AntiEntropy;
using Beacon.Cluster.Membership;
using Beacon.Cluster.Replication;
using Beacon.Contracts;
using Beacon.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Cluster.Api;

/// <summary><c>GET /v1/cluster/members</c>: members, their state as this node sees it, replication and anti-entropy state.</summary>
public static class MembersEndpoint
{
    public static RouteHandlerBuilder MapClusterMembers(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/v1/cluster/members", Members);

    private static IResult Members(MemberSet members, Replicator replicator, AntiEntropyService antiEntropy, NodeReadiness readiness)
    {
        var list = members.All.Select(m =>
        {
            var link = replicator.LinkTo(m.Id);
            var sync = antiEntropy.StateOf(m.Id);
            return new ClusterMember
            {
                NodeId = m.Id,
                Address = m.BaseAddress.ToString().TrimEnd('/'),
                Zone = m.Zone,
                State = members.StateOf(m),
                Ready = m.IsSelf ? readiness.IsReady : m.Ready,
                Self = m.IsSelf,
                LastContact = m.IsSelf || m.LastContactMs == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(m.LastContactMs),
                ReplicationBacklog = link?.Backlog ?? 0,
                ReplicationFailures = (link?.Failed ?? 0) + (link?.Dropped ?? 0),
                InSync = m.IsSelf ? null : sync?.InSync,
            };
        }).ToList();

        var reachable = members.Peers.Where(members.IsUp).ToList();
        var converged = reachable.All(p => antiEntropy.StateOf(p.Id)?.InSync == true);
        return TypedResults.Json(
            new ClusterMembers { NodeId = members.Self.Id, Converged = converged, RepairedRecords = antiEntropy.Repairs, Members = list },
            BeaconJsonContext.Wire.ClusterMembers);
    }
}
