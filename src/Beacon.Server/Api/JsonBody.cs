using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Beacon.Server.Api;

/// <summary>
/// Reads a JSON request body with the source-generated contracts, turning every way a body can be
/// wrong into a clear 4xx: wrong media type (415), too large (413), empty or malformed JSON or a value
/// of the wrong type (400, naming the JSON path).
/// </summary>
internal static class JsonBody
{
    public static async ValueTask<(T? Value, IResult? Error)> ReadAsync<T>(
        HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var request = context.Request;
        if (!IsJson(request.ContentType))
        {
            return (null, Problems.UnsupportedMediaType(request.ContentType));
        }

        try
        {
            if (request.ContentLength == 0)
            {
                return (null, Problems.MalformedBody("The request body is empty; a JSON object is required."));
            }

            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, context.RequestAborted);
            return value is null
                ? (null, Problems.MalformedBody("The request body is JSON null; a JSON object is required."))
                : (value, null);
        }
        catch (JsonException e)
        {
            var (detail, field) = JsonErrors.Describe(e, typeInfo);
            return (null, Problems.MalformedBody(detail, field));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.BodyTooLarge(e.Message));
        }
    }

    private static bool IsJson(string? contentType) =>
        string.IsNullOrEmpty(contentType) ||
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
        (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) &&
         contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));
}
