using Beacon.Contracts;
using Beacon.Core.Registry;
using Beacon.Core.Validation;
using Beacon.Server.Hosting;
using Beacon.Server.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Server.Api;

/// <summary>Discovery reads: the services of a namespace, and one service's instances (blocking or not).</summary>
internal static class ServiceEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        // GET /services/{service} is mapped by HotPathEndpoints, without filters or per-request DI.
        v1.MapGet("/services", List).RequireReadiness();
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

    /// <summary>
    /// The discovery read (blocking with <c>?index=</c>). Answers gzip to clients that accept it, when
    /// the answer is one of the two cached per snapshot; every answer says it varies by Accept-Encoding.
    /// </summary>
    internal static async ValueTask<IResult> GetAsync(string service, HttpContext context, DiscoveryServices services)
    {
        if (services.Readiness.NotReadyReason is { } notReady)
        {
            return Problems.NotReady(notReady);
        }

        var request = context.Request;
        var registry = services.Registry;
        var @namespace = QueryParameters.Namespace(request);
        Names.CheckService(service);
        var status = QueryParameters.Status(request);
        var healthy = QueryParameters.Healthy(request);
        var zone = QueryParameters.Zone(request);
        var api = services.Api;
        var wait = QueryParameters.Wait(request, api.MaxWait);

        if (QueryParameters.Long(request, "index") is { } index)
        {
            using var waiting = services.Metrics.TrackLongPoll(context, "services");
            var changed = await RevisionWaiter.WaitForServiceAsync(
                registry, @namespace, service, index, wait ?? api.DefaultWait, services.Time, services.Stopping, context.RequestAborted);
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
        var answer = services.Encoder.EncodeAnswer(snapshot, status, healthy, zone);
        var headers = context.Response.Headers;
        headers.Vary = "Accept-Encoding";
        if (answer.Cached && AcceptEncoding.AllowsGzip(request.Headers.AcceptEncoding))
        {
            headers.ContentEncoding = "gzip";
            return new Utf8JsonResult(answer.Gzip!, StatusCodes.Status200OK);
        }

        return new Utf8JsonResult(answer.Json, StatusCodes.Status200OK);
    }

    private static void SetRevision(HttpContext context, long revision) =>
        context.Response.Headers[BeaconHeaders.Revision] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
