using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Beacon.Contracts;

namespace Beacon.Server.Api;

/// <summary>
/// Encodes a response body as <see cref="BeaconJsonContext.Wire"/> does, byte for byte, at about half
/// the cost. Given a type of <see cref="BeaconJsonContext.Default"/>, whose options are the ones the
/// source generator compiled in, System.Text.Json runs the generated writer (its "fast path")
/// instead of its general converters, which allocate a stack of frames on every call; the wire's
/// relaxed escaping comes from the writer, which is where the generated code takes it from. The
/// buffer and writer are reused per thread. (WireBytesTests compare the bytes with the wire's.)
/// </summary>
internal static class WireBytes
{
    /// <summary>A thread keeps its buffer only up to this size: a large answer's buffer is not held for ever.</summary>
    private const int KeptBufferBytes = 64 * 1024;

    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <param name="value">The value to encode.</param>
    /// <param name="typeInfo">Its type from <see cref="BeaconJsonContext.Default"/> (not <c>Wire</c>: that would take the slow path).</param>
    public static byte[] Of<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, s_options);
        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            if (buffer.Capacity > KeptBufferBytes)
            {
                t_buffer = null;
                t_writer = null;
            }
        }
    }
}
