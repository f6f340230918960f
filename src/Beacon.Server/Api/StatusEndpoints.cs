using Beacon.Core;
using Beacon.Contracts;
using Beacon.Core.Registry;
using Beacon.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Beacon.Server.Api;

/// <summary>The node's status, liveness and readiness.</summary>
internal static class StatusEndpoints
{
    public static void Map(RouteGroupBuilder v1) => v1.MapGet("/status", Status);

    public static void MapProbes(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(BeaconRoutes.Healthz, static () => TypedResults.Text("ok"));
        endpoints.MapGet(BeaconRoutes.Readyz, static (NodeReadiness readiness) =>
            readiness.NotReadyReason is { } reason ? Problems.NotReady(reason) : TypedResults.Text("ready"));
    }

    private static IResult Status(ServiceRegistry registry, NodeReadiness readiness, IOptions<BeaconServerOptions> options)
    {
        var guard = registry.EvaluateSelfPreservation();
        var services = 0;
        var namespaces = 0;
        foreach (var ns in registry.Namespaces)
        {
            var live = ns.Services.Count(s => s.Snapshot.Instances.Length > 0);
            services += live;
            namespaces += live > 0 ? 1 : 0;
        }

        return TypedResults.Json(
            new NodeStatus
            {
                NodeId = options.Value.NodeId,
                Zone = options.Value.Zone,
                Ready = readiness.IsReady,
                StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(registry.StartedAtMs),
                Revision = registry.Changes.Revision,
                Namespaces = namespaces,
                Services = services,
                Instances = registry.InstanceCount,
                Evictions = registry.Evictions,
                SelfPreservation = new SelfPreservationStatus
                {
                    Enabled = guard.Enabled,
                    Active = guard.Active,
                    WarmingUp = guard.WarmingUp,
                    ExpectedRenewalsPerMinute = Math.Round(guard.ExpectedPerMinute, 2),
                    ActualRenewalsPerMinute = Math.Round(guard.ActualPerMinute, 2),
                    Threshold = guard.Threshold,
                },
            },
            BeaconJsonContext.Wire.NodeStatus);
    }
}
