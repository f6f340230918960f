using System.Collections.Immutable;
using Beacon.Contracts;
using Beacon.Core.Model;

namespace Beacon.Core.Validation;

/// <summary>A registration that passed validation, with every default filled in.</summary>
internal sealed record ValidRegistration(
    string Namespace,
    string Service,
    string Id,
    string Zone,
    ImmutableArray<string> Addresses,
    InstanceStatus Status,
    bool Healthy,
    int Weight,
    string? Version,
    Metadata Metadata,
    int LeaseSeconds,
    int HeartbeatSeconds);

/// <summary>Checks registrations and patches against the naming rules and <see cref="Limits"/>.</summary>
internal static class InstanceValidator
{
    public static ValidRegistration Validate(InstanceRegistration r, RegistryOptions options)
    {
        Names.CheckNamespace(r.Namespace);
        Names.CheckService(r.Service);
        Names.CheckInstanceId(r.Id);
        var zone = r.Zone ?? options.Zone;
        Names.CheckZone(zone);

        var lease = r.LeaseSeconds ?? options.DefaultLeaseSeconds;
        if (lease is < 1 or > Limits.MaxLeaseSeconds)
        {
            throw new InvalidArgumentException("leaseSeconds",
                $"'leaseSeconds' must be between 1 and {Limits.MaxLeaseSeconds}; got {lease}.");
        }

        // A third of the lease, as Eureka's 30 s heartbeat in a 90 s lease.
        var heartbeat = r.HeartbeatSeconds ?? Math.Max(1, lease / 3);
        if (heartbeat < 1 || heartbeat > lease)
        {
            throw new InvalidArgumentException("heartbeatSeconds",
                $"'heartbeatSeconds' must be between 1 and the lease ({lease} s); got {heartbeat}.");
        }

        var weight = r.Weight ?? 100;
        CheckWeight(weight);
        CheckVersion(r.Version);

        // Zones and versions repeat across thousands of instances: keep one copy of each.
        return new ValidRegistration(
            r.Namespace, r.Service, r.Id, StringPool.Intern(zone),
            CheckAddresses(r.Addresses),
            CheckStatus(r.Status ?? InstanceStatus.Up, "status"),
            r.Healthy ?? true,
            weight,
            string.IsNullOrEmpty(r.Version) ? null : StringPool.Intern(r.Version),
            CheckMetadata(ToMetadata(r.Metadata, "metadata"), "metadata"),
            lease,
            heartbeat);
    }

    public static void CheckPatch(InstancePatch patch)
    {
        if (patch.Status is { } status)
        {
            CheckStatus(status, "status");
        }

        if (patch.StatusOverride is { } statusOverride)
        {
            CheckStatus(statusOverride, "statusOverride");
        }

        if (patch.Weight is { } weight)
        {
            CheckWeight(weight);
        }
    }

    public static Metadata CheckMetadata(Metadata metadata, string field)
    {
        if (metadata.Count > Limits.MaxMetadataEntries)
        {
            throw new InvalidArgumentException(field,
                $"'{field}' may hold at most {Limits.MaxMetadataEntries} entries; got {metadata.Count}.");
        }

        foreach (var (key, value) in metadata.Entries)
        {
            Names.CheckMetadataKey(key, $"{field}.{key}");
            if (value.Length > Limits.MetadataValueMaxLength)
            {
                throw new InvalidArgumentException($"{field}.{key}",
                    $"Metadata values may be at most {Limits.MetadataValueMaxLength} characters; '{key}' has {value.Length}.");
            }
        }

        if (metadata.TextLength > Limits.MetadataMaxTotalLength)
        {
            throw new InvalidArgumentException(field,
                $"'{field}' keys and values may total at most {Limits.MetadataMaxTotalLength} characters; got {metadata.TextLength}.");
        }

        return metadata;
    }

    private static Metadata ToMetadata(IReadOnlyDictionary<string, string>? pairs, string field) =>
        Metadata.TryFrom(pairs, out var metadata, out var nullValueKey)
            ? metadata
            : throw new InvalidArgumentException($"{field}.{nullValueKey}", $"'{field}.{nullValueKey}' must be a string; got null.");

    private static ImmutableArray<string> CheckAddresses(IReadOnlyList<string>? addresses)
    {
        if (addresses is null || addresses.Count == 0)
        {
            throw new InvalidArgumentException("addresses",
                "'addresses' must list at least one absolute URI, such as \"http://10.0.0.5:8080\".");
        }

        if (addresses.Count > Limits.MaxAddresses)
        {
            throw new InvalidArgumentException("addresses",
                $"'addresses' may list at most {Limits.MaxAddresses} URIs; got {addresses.Count}.");
        }

        var builder = ImmutableArray.CreateBuilder<string>(addresses.Count);
        for (var i = 0; i < addresses.Count; i++)
        {
            var address = addresses[i];
            if (string.IsNullOrEmpty(address) || address.Length > Limits.AddressMaxLength)
            {
                var field = $"addresses[{i}]";
                throw new InvalidArgumentException(field,
                    $"'{field}' must be an absolute URI of 1 to {Limits.AddressMaxLength} characters.");
            }

            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || uri.IsFile)
            {
                var field = $"addresses[{i}]";
                throw new InvalidArgumentException(field,
                    $"'{field}' must be an absolute URI with a scheme and a host, such as \"http://10.0.0.5:8080\"; got '{address}'.");
            }

            builder.Add(address);
        }

        return builder.MoveToImmutable();
    }

    private static InstanceStatus CheckStatus(InstanceStatus status, string field) =>
        Enum.IsDefined(status)
            ? status
            : throw new InvalidArgumentException(field, $"'{field}' must be UP, DOWN, STARTING or OUT_OF_SERVICE.");

    private static void CheckWeight(int weight)
    {
        if (weight is < Limits.MinWeight or > Limits.MaxWeight)
        {
            throw new InvalidArgumentException("weight",
                $"'weight' must be between {Limits.MinWeight} and {Limits.MaxWeight}; got {weight}.");
        }
    }

    private static void CheckVersion(string? version)
    {
        if (version is not null && version.Length > Limits.VersionMaxLength)
        {
            throw new InvalidArgumentException("version",
                $"'version' may be at most {Limits.VersionMaxLength} characters; got {version.Length}.");
        }
    }
}
