using System.Text;
using System.Text.Unicode;

namespace Beacon.LoadGen.Http;

/// <summary>Writes complete HTTP/1.1 requests as bytes, once, so the measuring loop only sends them.</summary>
public static class RequestWriter
{
    /// <summary>A request with an optional JSON body.</summary>
    public static byte[] Build(string method, string pathAndQuery, string host, ReadOnlySpan<byte> jsonBody = default)
    {
        var buffer = new byte[256 + pathAndQuery.Length + host.Length + jsonBody.Length];
        var length = Write(buffer, method, pathAndQuery, host, jsonBody);
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>A GET with one extra header line, such as <c>Accept-Encoding: gzip</c>.</summary>
    public static byte[] BuildGet(string pathAndQuery, string host, string header)
    {
        var buffer = new byte[256 + pathAndQuery.Length + host.Length + header.Length];
        return Utf8.TryWrite(buffer, $"GET {pathAndQuery} HTTP/1.1\r\nHost: {host}\r\n{header}\r\n\r\n", out var written)
            ? buffer.AsSpan(0, written).ToArray()
            : throw new ArgumentException("The request does not fit.", nameof(header));
    }

    /// <summary>Writes a request into <paramref name="into"/> and returns its length.</summary>
    public static int Write(Span<byte> into, string method, string pathAndQuery, string host, ReadOnlySpan<byte> jsonBody)
    {
        int written;
        var ok = jsonBody.IsEmpty && method is "GET" or "DELETE"
            ? Utf8.TryWrite(into, $"{method} {pathAndQuery} HTTP/1.1\r\nHost: {host}\r\n\r\n", out written)
            : Utf8.TryWrite(into,
                $"{method} {pathAndQuery} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {jsonBody.Length}\r\n\r\n",
                out written);
        if (!ok || !jsonBody.TryCopyTo(into[written..]))
        {
            throw new ArgumentException("The request does not fit the buffer.", nameof(into));
        }

        return written + jsonBody.Length;
    }

    /// <summary>The request line, headers and body of a request written by this class (for HttpClient).</summary>
    public static (string Method, string PathAndQuery, ReadOnlyMemory<byte> Body) Split(ReadOnlyMemory<byte> request)
    {
        var span = request.Span;
        var headEnd = span.IndexOf("\r\n\r\n"u8);
        var lineEnd = span.IndexOf("\r\n"u8);
        var line = Encoding.ASCII.GetString(span[..lineEnd]).Split(' ');
        return (line[0], line[1], request[(headEnd + 4)..]);
    }
}
