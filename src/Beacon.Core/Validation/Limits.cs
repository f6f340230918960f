namespace Beacon.Core.Validation;

/// <summary>
/// Size limits on what an instance may carry. They keep one registration from costing the registry
/// (and every client that fetches the service) more than a few kilobytes. docs/api.md lists them.
/// </summary>
public static class Limits
{
    public const int NamespaceMaxLength = 64;
    public const int ZoneMaxLength = 64;
    public const int ServiceMaxLength = 255;
    public const int InstanceIdMaxLength = 255;

    public const int MaxAddresses = 16;
    public const int AddressMaxLength = 512;

    public const int MaxMetadataEntries = 64;
    public const int MetadataKeyMaxLength = 128;
    public const int MetadataValueMaxLength = 4096;

    /// <summary>Keys and values together, in characters.</summary>
    public const int MetadataMaxTotalLength = 16 * 1024;

    public const int VersionMaxLength = 128;

    public const int MinWeight = 0;
    public const int MaxWeight = 10_000;

    /// <summary>One day: longer leases belong to persistent (non-ephemeral) instances.</summary>
    public const int MaxLeaseSeconds = 86_400;

    public const int MaxBatchHeartbeats = 10_000;
}
