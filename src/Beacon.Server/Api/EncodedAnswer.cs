using System.IO.Compression;

namespace Beacon.Server.Api;

/// <summary>
/// A discovery answer as JSON bytes, and, for the answers cached per snapshot, a gzip copy of those
/// same bytes made the first time a client asks for it. A 100-instance answer (~47.6 KB, every
/// instance repeating the same field names) compresses to ~3 KB; compressing once per cached
/// encoding, as Eureka's response cache keeps a gzip copy, means no request ever compresses for
/// itself. Answers with other filters are encoded per request and go out uncompressed.
/// </summary>
internal sealed class EncodedAnswer(byte[] json, bool cached)
{
    private byte[]? _gzip;

    public byte[] Json => json;

    /// <summary>Whether this answer is shared by every request until the snapshot changes (only those offer gzip).</summary>
    public bool Cached => cached;

    /// <summary>
    /// The gzip copy of <see cref="Json"/>, or null for an uncached answer. Two requests racing to make
    /// it both compress the same bytes; either result is right.
    /// </summary>
    public byte[]? Gzip => cached ? _gzip ??= Compress(json) : null;

    private static byte[] Compress(byte[] json)
    {
        using var output = new MemoryStream(json.Length / 8);
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return output.ToArray();
    }
}
