using Beacon.Contracts;
using Microsoft.AspNetCore.Http;

namespace Beacon.Server.Api;

/// <summary>
/// Every error the API answers, as <c>application/problem+json</c> with a <see cref="ProblemTypes"/>
/// type and a message a person can act on. The one place where errors become HTTP.
/// </summary>
internal static class Problems
{
    private const string ContentType = "application/problem+json";

    public static IResult InvalidArgument(string field, string detail) =>
        Make(StatusCodes.Status400BadRequest, ProblemTypes.InvalidArgument, "Invalid argument", detail, field);

    public static IResult MalformedBody(string detail, string? field = null) =>
        Make(StatusCodes.Status400BadRequest, ProblemTypes.MalformedBody, "Malformed request body", detail, field);

    public static IResult InstanceNotFound(string @namespace, string service, string id) =>
        Make(StatusCodes.Status404NotFound, ProblemTypes.InstanceNotFound, "Instance not found",
            $"Instance '{id}' of service '{service}' is not registered in namespace '{@namespace}'. Register it again.");

    public static IResult ServiceNotFound(string @namespace, string service) =>
        Make(StatusCodes.Status404NotFound, ProblemTypes.ServiceNotFound, "Service not found",
            $"Service '{service}' has no registration in namespace '{@namespace}'.");

    public static IResult NamespaceNotFound(string @namespace) =>
        Make(StatusCodes.Status404NotFound, ProblemTypes.NamespaceNotFound, "Namespace not found",
            $"Namespace '{@namespace}' holds no services.");

    public static IResult HistoryGone(long since, long oldest, long current) =>
        Make(StatusCodes.Status410Gone, ProblemTypes.HistoryGone, "Revision outside the change history",
            $"Revision {since} is not in this node's change history (it holds {oldest - 1} to {current}); " +
            "fetch the services in full and continue from the revision they carry.");

    public static IResult BodyTooLarge(string detail) =>
        Make(StatusCodes.Status413PayloadTooLarge, ProblemTypes.BodyTooLarge, "Request body too large", detail);

    public static IResult UnsupportedMediaType(string? contentType) =>
        Make(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Unsupported media type",
            $"The body must be application/json; got '{contentType}'.");

    public static IResult NotReady(string reason) =>
        Make(StatusCodes.Status503ServiceUnavailable, ProblemTypes.NotReady, "Node not ready", reason);

    private static IResult Make(int status, string type, string title, string detail, string? field = null) =>
        TypedResults.Json(
            new Problem { Type = type, Title = title, Status = status, Detail = detail, Field = field },
            BeaconJsonContext.Wire.Problem,
            ContentType,
            status);
}
