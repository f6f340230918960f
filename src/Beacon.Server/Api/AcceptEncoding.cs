using Microsoft.Extensions.Primitives;

namespace Beacon.Server.Api;

/// <summary>Reads <c>Accept-Encoding</c> (RFC 9110 §12.5.3) just far enough to know whether gzip is acceptable, without allocating.</summary>
internal static class AcceptEncoding
{
    /// <summary>
    /// True when the header lists <c>gzip</c> (or <c>x-gzip</c>, or <c>*</c> without an explicit
    /// gzip entry) with a quality above 0. No header, or <c>identity</c> alone, means no.
    /// </summary>
    public static bool AllowsGzip(StringValues header)
    {
        bool? gzip = null;
        bool? any = null;
        foreach (var value in header)
        {
            var rest = value.AsSpan();
            while (!rest.IsEmpty)
            {
                var comma = rest.IndexOf(',');
                var item = (comma < 0 ? rest : rest[..comma]).Trim();
                rest = comma < 0 ? [] : rest[(comma + 1)..];
                var semicolon = item.IndexOf(';');
                var coding = (semicolon < 0 ? item : item[..semicolon]).Trim();
                var acceptable = semicolon < 0 || QualityAboveZero(item[(semicolon + 1)..]);
                if (coding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
                {
                    gzip = acceptable;
                }
                else if (coding.SequenceEqual("*"))
                {
                    any = acceptable;
                }
            }
        }

        return gzip ?? any ?? false;
    }

    /// <summary>Parses parameters such as <c>q=0.5</c>; a q of 0 (0, 0.0, 0.000) refuses the coding.</summary>
    private static bool QualityAboveZero(ReadOnlySpan<char> parameters)
    {
        foreach (var range in parameters.Split(';'))
        {
            var parameter = parameters[range].Trim();
            if (parameter.Length >= 2 && (parameter[0] is 'q' or 'Q') && parameter[1] == '=')
            {
                var q = parameter[2..].Trim();
                return !(q.Length > 0 && q[0] == '0' && q[1..].TrimStart('.').TrimStart('0').IsEmpty);
            }
        }

        return true;
    }
}
