using Beacon.Core.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Beacon.Server.Hosting;

/// <summary>Fills the defaults that depend on other settings (node id from the listen URL, zone).</summary>
internal sealed class BeaconServerOptionsSetup(IConfiguration configuration) : IPostConfigureOptions<BeaconServerOptions>
{
    public void PostConfigure(string? name, BeaconServerOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.NodeId))
        {
            options.NodeId = NodeIdFromUrls(configuration["urls"]) ?? Environment.MachineName;
        }

        options.Registry.Zone = options.Zone;
        options.Registry.NodeId = options.NodeId;
    }

    /// <summary><c>http://127.0.0.1:7171;http://[::1]:7171</c> → <c>127.0.0.1:7171</c>.</summary>
    internal static string? NodeIdFromUrls(string? urls)
    {
        var first = (urls ?? BeaconApplication.DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        if (first is null)
        {
            return null;
        }

        // Kestrel accepts wildcards ("http://*:7171", "http://+:7171") that Uri does not.
        var parseable = first.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        return Uri.TryCreate(parseable, UriKind.Absolute, out var uri) && uri.Port > 0 ? $"{uri.Host}:{uri.Port}" : null;
    }
}

/// <summary>Checks the settings at start, so a typo fails the start instead of a request at 3 a.m.</summary>
internal sealed class BeaconServerOptionsValidator(IConfiguration configuration) : IValidateOptions<BeaconServerOptions>
{
    public ValidateOptionsResult Validate(string? name, BeaconServerOptions options)
    {
        var errors = new List<string>();
        try
        {
            Names.CheckZone(options.Zone, "Beacon:Zone");
        }
        catch (InvalidArgumentException e)
        {
            errors.Add(e.Message);
        }

        if (Cluster.Hosting.ClusterServiceCollectionExtensions.IsClusterEnabled(configuration) &&
            (!Cluster.Membership.NodeAddress.TryNormalize(options.NodeId, out var advertised) ||
             advertised.StartsWith("0.0.0.0:", StringComparison.Ordinal) || advertised.StartsWith("[::]:", StringComparison.Ordinal)))
        {
            errors.Add($"In a cluster, Beacon:NodeId (--node-id) must be the host:port peers reach this node at; got '{options.NodeId}'.");
        }

        var registry = options.Registry;
        if (registry.DefaultLeaseSeconds is < 1 or > Limits.MaxLeaseSeconds)
        {
            errors.Add($"Beacon:Registry:DefaultLeaseSeconds must be between 1 and {Limits.MaxLeaseSeconds}.");
        }

        if (registry.EvictionInterval <= TimeSpan.Zero)
        {
            errors.Add("Beacon:Registry:EvictionInterval must be positive.");
        }

        if (registry.MaxEvictionFraction is <= 0 or > 1)
        {
            errors.Add("Beacon:Registry:MaxEvictionFraction must be above 0 and at most 1.");
        }

        if (registry.ChangeHistorySize < 16)
        {
            errors.Add("Beacon:Registry:ChangeHistorySize must be at least 16.");
        }

        var memory = options.Memory;
        if (memory.QuietFor <= TimeSpan.Zero || memory.QuietBelowBytesPerSecond <= 0 || memory.MinGrowthBytes < 0)
        {
            errors.Add("Beacon:Memory:QuietFor and QuietBelowBytesPerSecond must be positive, MinGrowthBytes not negative.");
        }

        var guard = registry.SelfPreservation;
        if (guard.Threshold is < 0 or > 1)
        {
            errors.Add("Beacon:Registry:SelfPreservation:Threshold must be between 0 and 1.");
        }

        if (guard.Window < TimeSpan.FromSeconds(1))
        {
            errors.Add("Beacon:Registry:SelfPreservation:Window must be at least 1 second.");
        }

        if (options.Api.MaxWait <= TimeSpan.Zero || options.Api.DefaultWait <= TimeSpan.Zero || options.Api.DefaultWait > options.Api.MaxWait)
        {
            errors.Add("Beacon:Api:DefaultWait and MaxWait must be positive, DefaultWait at most MaxWait.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
