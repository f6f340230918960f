using System.Buffers;
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
    /// <summary>
    /// Bodies up to this size (every registration and patch, batches of up to ~1,500 heartbeats) are
    /// buffered whole and parsed synchronously, which costs half of System.Text.Json's resumable
    /// stream parser. Well under Kestrel's 1 MiB request buffer, so the read cannot stall.
    /// </summary>
    private const int SmallBodyBytes = 64 * 1024;

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

            var value = request.ContentLength is { } length and <= SmallBodyBytes
                ? await ReadSmallAsync(request, (int)length, typeInfo, context.RequestAborted)
                : await JsonSerializer.DeserializeAsync(request.Body, typeInfo, context.RequestAborted);
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

    private static async ValueTask<T?> ReadSmallAsync<T>(
        HttpRequest request, int length, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var result = await request.BodyReader.ReadAtLeastAsync(length, cancellationToken);
        var body = result.Buffer;
        try
        {
            // The span overload, like the stream one, rejects anything after the JSON value.
            if (body.IsSingleSegment)
            {
                return JsonSerializer.Deserialize(body.FirstSpan, typeInfo);
            }

            var rented = ArrayPool<byte>.Shared.Rent((int)body.Length);
            try
            {
                body.CopyTo(rented);
                return JsonSerializer.Deserialize(rented.AsSpan(0, (int)body.Length), typeInfo);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
        finally
        {
            request.BodyReader.AdvanceTo(body.End);
        }
    }

    private static bool IsJson(string? contentType) =>
        string.IsNullOrEmpty(contentType) ||
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
        (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) &&
         contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));
}
