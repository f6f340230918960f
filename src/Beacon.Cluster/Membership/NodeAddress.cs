namespace Beacon.Cluster.Membership;

/// <summary>Normalises member addresses: <c>http://10.0.0.1:8881/</c>, <c>10.0.0.1:8881</c> → <c>10.0.0.1:8881</c>.</summary>
public static class NodeAddress
{
    public static bool TryNormalize(string? text, out string address)
    {
        address = "";
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.StartsWith('#'))
        {
            return false;
        }

        if (!value.Contains("://", StringComparison.Ordinal))
        {
            value = "http://" + value;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || uri.IsDefaultPort && !value.Contains(":" + uri.Port, StringComparison.Ordinal))
        {
            return false;
        }

        address = $"{(uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost.Trim('[', ']')}]" : uri.IdnHost)}:{uri.Port}";
        return true;
    }

    /// <summary>Every valid address of a list, in order, without duplicates.</summary>
    public static IReadOnlyList<string> ParseList(IEnumerable<string> entries)
    {
        var result = new List<string>();
        foreach (var entry in entries)
        {
            if (TryNormalize(entry, out var address) && !result.Contains(address))
            {
                result.Add(address);
            }
        }

        return result;
    }
}
