namespace Beacon.Client.Configuration;

/// <summary>Checks options once, when a client is built, so a typo fails at start with a clear message.</summary>
internal static class OptionsValidator
{
    public static void Validate(BeaconClientOptions options)
    {
        var errors = new List<string>();
        if (options.Nodes.Count == 0)
        {
            errors.Add("Nodes: name at least one registry node, e.g. nodes=127.0.0.1:7171.");
        }

        foreach (var node in options.Nodes)
        {
            if (!NodeAddress.TryParse(node, out _))
            {
                errors.Add($"Nodes: '{node}' is not host:port or an http(s) URL.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Namespace))
        {
            errors.Add("Namespace must not be empty.");
        }

        Positive(errors, options.HeartbeatInterval, nameof(options.HeartbeatInterval));
        Positive(errors, options.WatchIdleTimeout, nameof(options.WatchIdleTimeout));
        Positive(errors, options.RequestTimeout, nameof(options.RequestTimeout));
        Positive(errors, options.ConnectTimeout, nameof(options.ConnectTimeout));
        Positive(errors, options.RetryBackoff, nameof(options.RetryBackoff));
        Positive(errors, options.MemberRefreshInterval, nameof(options.MemberRefreshInterval));
        if (options.MaxRetryBackoff < options.RetryBackoff)
        {
            errors.Add("MaxRetryBackoff must be at least RetryBackoff.");
        }

        if (options.FailureCooldown < TimeSpan.Zero)
        {
            errors.Add("FailureCooldown must not be negative.");
        }

        if (options.LeaseSeconds is < 1 or > 86400)
        {
            errors.Add($"LeaseSeconds must be between 1 and 86400; got {options.LeaseSeconds}.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Beacon client options: " + string.Join(" ", errors));
        }
    }

    private static void Positive(List<string> errors, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{name} must be positive; got {value}.");
        }
    }
}
