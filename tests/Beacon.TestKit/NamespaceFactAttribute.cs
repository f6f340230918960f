namespace Beacon.TestKit;

/// <summary>A fact that needs network namespaces; it is skipped, saying why, where they are unavailable.</summary>
public sealed class NamespaceFactAttribute : FactAttribute
{
    public NamespaceFactAttribute()
    {
        if (NetworkNamespace.Unavailable() is { } reason)
        {
            Skip = $"Skipped: {reason}. Partition tests run nodes in a private network namespace and cut links with nft.";
        }
    }
}
