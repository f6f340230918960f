namespace Beacon.Client.Configuration;

/// <summary>A registry node's base URL from <c>host:port</c>, <c>http://host:port</c> or <c>https://host</c>.</summary>
internal static class NodeAddress
{
    public static bool TryParse(string text, out Uri baseAddress)
    {
        baseAddress = null!;
        var value = text.Trim();
        if (value.Length == 0)
        {
            return false;
        }

        if (!value.Contains("://", StringComparison.Ordinal))
        {
            value = "http://" + value;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            return false;
        }

        // Only scheme, host and port: the API's paths are absolute.
        baseAddress = new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
        return true;
    }
}
