using System.Text.Json;
using Beacon.Contracts;
using Beacon.Core.Model;
using Beacon.Core.Registry;
using Beacon.Core.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Server.Api;

/// <summary>Register, read, change, renew and deregister one instance; renew many at once.</summary>
internal static class InstanceEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        // Register (PUT) and heartbeat are mapped by HotPathEndpoints, without filters or per-request DI.
        var instance = v1.MapGroup("/services/{service}/instances/{id}");
        instance.MapPatch("", PatchAsync);
        instance.MapDelete("", Deregister);
        instance.MapGet("", Get).RequireReadiness();
        v1.MapPost("/heartbeats", HeartbeatsAsync);
    }

    internal static async ValueTask<IResult> RegisterAsync(string service, string id, HttpContext context, ServiceRegistry registry)
    {
        var @namespace = QueryParameters.Namespace(context.Request);
        var (body, error) = await JsonBody.ReadAsync(context, BeaconJsonContext.Wire.RegisterInstanceRequest);
        if (error is not null)
        {
            return error;
        }

        var result = Register(@namespace, service, id, body!, registry);
        if (result.Created)
        {
            context.Response.Headers.Location = context.Request.Path.ToString();
        }

        return Json(result.Instance, result.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>A registration's work past HTTP: store the parsed body (benchmarked on its own).</summary>
    internal static RegisterResult Register(
        string @namespace, string service, string id, RegisterInstanceRequest body, ServiceRegistry registry) =>
        registry.Register(new InstanceRegistration
        {
            Namespace = @namespace,
            Service = service,
            Id = id,
            Zone = body.Zone,
            Addresses = body.Addresses,
            Status = body.Status,
            Healthy = body.Healthy,
            Weight = body.Weight,
            Version = body.Version,
            Metadata = body.Metadata,
            LeaseSeconds = body.LeaseSeconds,
            HeartbeatSeconds = body.HeartbeatSeconds,
        });

    /// <summary>The JSON of an instance as answers carry it.</summary>
    internal static byte[] Encode(Instance instance) =>
        WireBytes.Of(InstanceMapper.ToInfo(instance), BeaconJsonContext.Default.InstanceInfo);

    private static IResult Get(string service, string id, HttpRequest request, ServiceRegistry registry)
    {
        var @namespace = QueryParameters.Namespace(request);
        return registry.FindInstance(@namespace, service, id) is { } instance
            ? Json(instance)
            : Problems.InstanceNotFound(@namespace, service, id);
    }

    private static async Task<IResult> PatchAsync(string service, string id, HttpContext context, ServiceRegistry registry)
    {
        var @namespace = QueryParameters.Namespace(context.Request);
        var (body, error) = await JsonBody.ReadAsync(context, BeaconJsonContext.Wire.PatchInstanceRequest);
        if (error is not null)
        {
            return error;
        }

        var clearOverride = body!.StatusOverride is { } o && o.Equals("NONE", StringComparison.OrdinalIgnoreCase);
        var patch = new InstancePatch
        {
            Status = body.Status,
            StatusOverride = clearOverride || body.StatusOverride is null ? null : ParseStatus(body.StatusOverride, "statusOverride"),
            ClearStatusOverride = clearOverride,
            Healthy = body.Healthy,
            Weight = body.Weight,
            Metadata = body.Metadata,
        };
        return registry.Patch(@namespace, service, id, patch) is { } patched
            ? Json(patched)
            : Problems.InstanceNotFound(@namespace, service, id);
    }

    private static IResult Deregister(string service, string id, HttpRequest request, ServiceRegistry registry)
    {
        var @namespace = QueryParameters.Namespace(request);
        return registry.Deregister(@namespace, service, id)
            ? TypedResults.NoContent()
            : Problems.InstanceNotFound(@namespace, service, id);
    }

    // The heartbeat is the registry's most frequent request: no body to read, nothing to allocate
    // beyond what routing does, an empty 200.
    internal static IResult Heartbeat(string service, string id, HttpRequest request, ServiceRegistry registry)
    {
        var @namespace = QueryParameters.Namespace(request);
        var statusText = QueryParameters.Value(request, "status");
        InstanceStatus? status = statusText.Length == 0 ? null : ParseStatus(statusText, "status");
        return registry.Renew(@namespace, service, id, status) == RenewOutcome.Renewed
            ? EmptyOk.Instance
            : Problems.InstanceNotFound(@namespace, service, id);
    }

    private static async Task<IResult> HeartbeatsAsync(HttpContext context, ServiceRegistry registry)
    {
        var (body, error) = await JsonBody.ReadAsync(context, BeaconJsonContext.Wire.HeartbeatBatchRequest);
        if (error is not null)
        {
            return error;
        }

        var @namespace = body!.Namespace ?? QueryParameters.Namespace(context.Request);
        Names.CheckNamespace(@namespace);
        var instances = body.Instances ?? [];
        if (instances.Count > Limits.MaxBatchHeartbeats)
        {
            throw new InvalidArgumentException("instances",
                $"A batch may renew at most {Limits.MaxBatchHeartbeats} instances; got {instances.Count}.");
        }

        for (var i = 0; i < instances.Count; i++)
        {
            if (instances[i] is not { Service: not null, Id: not null })
            {
                throw new InvalidArgumentException($"instances[{i}]", $"'instances[{i}]' must have a 'service' and an 'id'.");
            }
        }

        var notFound = new List<InstanceRef>();
        var renewed = registry.RenewMany(@namespace, instances, notFound);
        return TypedResults.Json(
            new HeartbeatBatchResult { Renewed = renewed, NotFound = notFound },
            BeaconJsonContext.Wire.HeartbeatBatchResult);
    }

    private static IResult Json(Instance instance, int status = StatusCodes.Status200OK) =>
        new Utf8JsonResult(Encode(instance), status);

    private static InstanceStatus ParseStatus(string text, string field) => text.ToUpperInvariant() switch
    {
        "UP" => InstanceStatus.Up,
        "DOWN" => InstanceStatus.Down,
        "STARTING" => InstanceStatus.Starting,
        "OUT_OF_SERVICE" => InstanceStatus.OutOfService,
        _ => throw new InvalidArgumentException(field,
            $"'{field}' must be UP, DOWN, STARTING or OUT_OF_SERVICE; got '{text}'."),
    };
}
