using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Beacon.Cluster.Api;

/// <summary>Reads a peer request's whole body into one pooled array, for parsing in one synchronous pass.</summary>
internal static class PeerBody
{
    /// <summary>Peer requests get their own body limit: a replication batch is larger than any client request.</summary>
    public static void AllowUpTo(HttpContext context, long maxBytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
    }

    /// <summary>
    /// The body, in an array rented from <see cref="ArrayPool{T}.Shared"/> (the caller returns it),
    /// and its length. Read segment by segment: a body larger than Kestrel's request buffer (1 MiB)
    /// must be consumed as it arrives, not awaited whole.
    /// </summary>
    public static async ValueTask<(byte[] Buffer, int Length)> ReadAsync(HttpContext context, long maxBytes)
    {
        AllowUpTo(context, maxBytes);
        var reader = context.Request.BodyReader;
        var buffer = ArrayPool<byte>.Shared.Rent(context.Request.ContentLength is { } known and > 0 ? (int)Math.Min(known, maxBytes) : 64 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(context.RequestAborted);
                foreach (var segment in result.Buffer)
                {
                    if (length + segment.Length > buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + segment.Length));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    segment.Span.CopyTo(buffer.AsSpan(length));
                    length += segment.Length;
                }

                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return (buffer, length);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
