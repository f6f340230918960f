using Beacon.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Server.Api;

/// <summary>Maps the Beacon HTTP API.</summary>
public static class BeaconApiExtensions
{
    /// <summary>
    /// Maps the native API under <c>/v1</c> and returns its route group, so the host can add
    /// authorization or rate limits to it as a whole.
    /// </summary>
    public static RouteGroupBuilder MapBeaconApi(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup(BeaconRoutes.V1);
        HotPathEndpoints.Map(v1);
        // Every other endpoint maps the core's errors through the shared filter.
        var api = v1.MapGroup("");
        api.AddErrorFilter();
        InstanceEndpoints.Map(api);
        ServiceEndpoints.Map(api);
        ChangeEndpoints.Map(api);
        WatchEndpoint.Map(api);
        StatusEndpoints.Map(api);
        api.MapFallback(static (HttpContext context) => TypedResults.Json(
            new Problem
            {
                Type = "about:blank",
                Title = "Not found",
                Status = StatusCodes.Status404NotFound,
                Detail = $"No API route matches {context.Request.Method} {context.Request.Path}; see docs/api.md.",
            },
            BeaconJsonContext.Wire.Problem,
            "application/problem+json",
            StatusCodes.Status404NotFound));
        return v1;
    }

    /// <summary>Maps <c>/healthz</c> (liveness) and <c>/readyz</c> (readiness).</summary>
    public static IEndpointRouteBuilder MapBeaconProbes(this IEndpointRouteBuilder endpoints)
    {
        StatusEndpoints.MapProbes(endpoints);
        return endpoints;
    }
}
