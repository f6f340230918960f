using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Contracts;

namespace Beacon.Client.Errors;

/// <summary>
/// The one place where the registry's <c>application/problem+json</c> answers become exceptions
/// (StackExchange.Redis' ExceptionFactory idea): callers of the transport never look at problem types.
/// </summary>
internal static class ProblemMapper
{
    /// <summary>
    /// Whether an answer says "this node cannot serve you now, ask another": any 5xx, including the
    /// 503 <c>not-ready</c> of a starting cluster node, whose reads must never count as "no instances".
    /// </summary>
    public static bool IsNodeFailure(HttpStatusCode status) => (int)status >= 500;

    public static async Task<BeaconException> ToExceptionAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var problem = await ReadProblemAsync(response, cancellationToken);
        var status = (int)response.StatusCode;
        var type = problem?.Type;
        var detail = problem?.Detail ?? problem?.Title ?? response.ReasonPhrase ?? "no detail";
        var message = $"{what} failed: {status} {(type is null ? "" : ProblemTypes.ShortName(type) + ": ")}{detail}";
        return type switch
        {
            ProblemTypes.InvalidArgument or ProblemTypes.MalformedBody or ProblemTypes.BodyTooLarge or ProblemTypes.UnsupportedMediaType
                => new BeaconInvalidArgumentException(message, problem?.Field, type, status),
            ProblemTypes.InstanceNotFound or ProblemTypes.ServiceNotFound or ProblemTypes.NamespaceNotFound
                => new BeaconNotFoundException(message, type, status),
            _ => new BeaconException(message, type, status),
        };
    }

    /// <summary>The problem body, or null when the answer has none (a proxy's HTML page, an empty 502...).</summary>
    private static async Task<Problem?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.Problem, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
