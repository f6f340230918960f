using Beacon.Contracts;
using Beacon.Core.Registry;
using Beacon.Core.Validation;
using Beacon.Server.Hosting;
using Beacon.Server.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Beacon.Server.Api;

/// <summary>Discovery reads: the services of a namespace, and one service's instances (blocking or not).</summary>
internal static class ServiceEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/services", List).RequireReadiness();
        v1.MapGet("/services/{service}", GetAsync).RequireReadiness();
    }

    private static IResult List(HttpRequest request, ServiceRegistry registry)
    {
        var @namespace = QueryParameters.Namespace(request);
        var ns = registry.FindNamespace(@namespace);
        if (ns is null && @namespace != BeaconRoutes.DefaultNamespace)
        {
            return Problems.NamespaceNotFound(@namespace);
        }

        var services = new List<ServiceSummary>();
        foreach (var state in ns?.Services ?? [])
        {
            var snapshot = state.Snapshot;
            if (snapshot.Instances.Length > 0)
            {
                services.Add(new ServiceSummary
                {
                    Service = snapshot.Name,
                    Instances = snapshot.Instances.Length,
                    Up = snapshot.PassingCount,
                    Revision = snapshot.Revision,
                });
            }
        }

        services.Sort(static (a, b) => string.CompareOrdinal(a.Service, b.Service));
        var revision = registry.Changes.Revision;
        request.HttpContext.Response.Headers[BeaconHeaders.Revision] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Json(
            new ServiceList { Namespace = @namespace, Revision = revision, Services = services },
            BeaconJsonContext.Wire.ServiceList);
    }

    private static async Task<IResult> GetAsync(
        string service, HttpContext context, ServiceRegistry registry, ServiceEncoder encoder,
        IOptions<BeaconServerOptions> options, TimeProvider time, BeaconMetrics metrics, IHostApplicationLifetime lifetime)
    {
        var request = context.Request;
        var @namespace = QueryParameters.Namespace(request);
        Names.CheckService(service);
        var status = QueryParameters.Status(request);
        var healthy = QueryParameters.Healthy(request);
        var zone = QueryParameters.Zone(request);
        var api = options.Value.Api;
        var wait = QueryParameters.Wait(request, api.MaxWait);

        if (QueryParameters.Long(request, "index") is { } index)
        {
            using var waiting = metrics.TrackLongPoll(context, "services");
            var changed = await RevisionWaiter.WaitForServiceAsync(
                registry, @namespace, service, index, wait ?? api.DefaultWait, time, lifetime.ApplicationStopping, context.RequestAborted);
            if (!changed)
            {
                SetRevision(context, index);
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }
        }

        var state = registry.FindService(@namespace, service);
        if (state is null)
        {
            return registry.FindNamespace(@namespace) is null && @namespace != BeaconRoutes.DefaultNamespace
                ? Problems.NamespaceNotFound(@namespace)
                : Problems.ServiceNotFound(@namespace, service);
        }

        var snapshot = state.Snapshot;
        SetRevision(context, snapshot.Revision);
        return TypedResults.Bytes(encoder.Encode(snapshot, status, healthy, zone), "application/json; charset=utf-8");
    }

    private static void SetRevision(HttpContext context, long revision) =>
        context.Response.Headers[BeaconHeaders.Revision] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
