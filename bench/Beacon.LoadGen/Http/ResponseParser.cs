using System.Buffers.Text;

namespace Beacon.LoadGen.Http;

/// <summary>
/// Just enough of an HTTP/1.1 response parser for a load generator: the status, how the body is
/// framed (Content-Length or chunked) and Beacon's revision header. Works on spans; allocates nothing.
/// </summary>
public static class ResponseParser
{
    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    /// <summary>Parses a complete head at the start of <paramref name="buffered"/>; false if more bytes are needed.</summary>
    public static bool TryParseHead(ReadOnlySpan<byte> buffered, out ResponseHead head)
    {
        head = default;
        var end = buffered.IndexOf(EndOfHead);
        if (end < 0)
        {
            return false;
        }

        var lines = buffered[..end];
        var firstLineEnd = lines.IndexOf(Crlf);
        var statusLine = firstLineEnd < 0 ? lines : lines[..firstLineEnd];
        // "HTTP/1.1 200 OK": the code is bytes 9 to 11.
        if (statusLine.Length < 12 || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var digits) || digits != 3)
        {
            throw new InvalidDataException("Malformed status line.");
        }

        long contentLength = -1, revision = -1;
        var chunked = false;
        var rest = firstLineEnd < 0 ? [] : lines[(firstLineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var lineEnd = rest.IndexOf(Crlf);
            var line = lineEnd < 0 ? rest : rest[..lineEnd];
            rest = lineEnd < 0 ? [] : rest[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (name.EqualsIgnoreCaseAscii("content-length"u8))
            {
                contentLength = Utf8Parser.TryParse(value, out long length, out _) ? length
                    : throw new InvalidDataException("Malformed Content-Length.");
            }
            else if (name.EqualsIgnoreCaseAscii("transfer-encoding"u8))
            {
                chunked = value.EqualsIgnoreCaseAscii("chunked"u8);
            }
            else if (name.EqualsIgnoreCaseAscii("x-beacon-revision"u8))
            {
                revision = Utf8Parser.TryParse(value, out long parsed, out _) ? parsed : -1;
            }
        }

        head = new ResponseHead(end + EndOfHead.Length, status, chunked ? -1 : Math.Max(0, contentLength), chunked, revision);
        return true;
    }

    /// <summary>Parses a chunk-size line ("1f4\r\n", extensions ignored); false if the line is not complete.</summary>
    public static bool TryParseChunkHeader(ReadOnlySpan<byte> buffered, out long size, out int lineLength)
    {
        size = 0;
        lineLength = 0;
        var end = buffered.IndexOf(Crlf);
        if (end < 0)
        {
            return false;
        }

        var digits = buffered[..end];
        var extension = digits.IndexOf((byte)';');
        if (extension >= 0)
        {
            digits = digits[..extension];
        }

        if (!Utf8Parser.TryParse(digits.Trim((byte)' '), out size, out _, 'x'))
        {
            throw new InvalidDataException("Malformed chunk size.");
        }

        lineLength = end + Crlf.Length;
        return true;
    }

    private static bool EqualsIgnoreCaseAscii(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> lowerCase) =>
        System.Text.Ascii.EqualsIgnoreCase(span, lowerCase);
}
