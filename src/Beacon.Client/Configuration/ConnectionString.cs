using System.Globalization;
using System.Text;

namespace Beacon.Client.Configuration;

/// <summary>
/// <c>key=value;key=value</c> to and from <see cref="BeaconClientOptions"/>, as StackExchange.Redis and
/// Npgsql do. Keys are case-insensitive; an unknown key is an error (a typo must not silently fall back
/// to a default). Secrets are masked unless asked for.
/// </summary>
internal static class ConnectionString
{
    private const string Mask = "***";

    private sealed record Key(string Name, Action<BeaconClientOptions, string> Set, Func<BeaconClientOptions, string?> Get, bool Secret = false);

    private static readonly Key[] s_keys =
    [
        new("nodes", (o, v) => o.Nodes = SplitNodes(v), o => o.Nodes.Count == 0 ? null : string.Join(',', o.Nodes)),
        new("namespace", (o, v) => o.Namespace = v, o => o.Namespace),
        new("zone", (o, v) => o.Zone = v.Length == 0 ? null : v, o => o.Zone),
        new("token", (o, v) => o.Token = v.Length == 0 ? null : v, o => o.Token, Secret: true),
        new("loadBalancing", (o, v) => o.LoadBalancing = ParseStrategy(v), o => o.LoadBalancing == LoadBalancingStrategy.RoundRobin ? "roundRobin" : "weightedRandom"),
        new("heartbeatInterval", (o, v) => o.HeartbeatInterval = ParseDuration("heartbeatInterval", v), o => Duration.Format(o.HeartbeatInterval)),
        new("leaseSeconds", (o, v) => o.LeaseSeconds = ParseInt("leaseSeconds", v), o => o.LeaseSeconds.ToString(CultureInfo.InvariantCulture)),
        new("watchIdleTimeout", (o, v) => o.WatchIdleTimeout = ParseDuration("watchIdleTimeout", v), o => Duration.Format(o.WatchIdleTimeout)),
        new("requestTimeout", (o, v) => o.RequestTimeout = ParseDuration("requestTimeout", v), o => Duration.Format(o.RequestTimeout)),
        new("connectTimeout", (o, v) => o.ConnectTimeout = ParseDuration("connectTimeout", v), o => Duration.Format(o.ConnectTimeout)),
        new("retryBackoff", (o, v) => o.RetryBackoff = ParseDuration("retryBackoff", v), o => Duration.Format(o.RetryBackoff)),
        new("maxRetryBackoff", (o, v) => o.MaxRetryBackoff = ParseDuration("maxRetryBackoff", v), o => Duration.Format(o.MaxRetryBackoff)),
        new("memberRefreshInterval", (o, v) => o.MemberRefreshInterval = ParseDuration("memberRefreshInterval", v), o => Duration.Format(o.MemberRefreshInterval)),
        new("failureCooldown", (o, v) => o.FailureCooldown = ParseDuration("failureCooldown", v), o => Duration.Format(o.FailureCooldown)),
        new("diskCache", (o, v) => o.DiskCache = ParseBool("diskCache", v), o => o.DiskCache ? "true" : "false"),
        new("diskCacheDirectory", (o, v) => o.DiskCacheDirectory = v.Length == 0 ? null : v, o => o.DiskCacheDirectory),
        new("deregisterOnDispose", (o, v) => o.DeregisterOnDispose = ParseBool("deregisterOnDispose", v), o => o.DeregisterOnDispose ? "true" : "false"),
    ];

    public static void Apply(string connectionString, BeaconClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"Connection string part '{Masked(part)}' is not key=value.", nameof(connectionString));
            }

            var name = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            var key = Array.Find(s_keys, k => k.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException(
                    $"Unknown connection string key '{name}'. Known keys: {string.Join(", ", s_keys.Select(k => k.Name))}.",
                    nameof(connectionString));
            key.Set(options, value);
        }
    }

    /// <summary>Every key whose value differs from the defaults, in a fixed order.</summary>
    public static string Format(BeaconClientOptions options, bool includeSecrets)
    {
        var defaults = new BeaconClientOptions();
        var text = new StringBuilder();
        foreach (var key in s_keys)
        {
            var value = key.Get(options);
            if (value is null || (key.Name != "nodes" && value == key.Get(defaults)))
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(';');
            }

            text.Append(key.Name).Append('=').Append(key.Secret && !includeSecrets ? Mask : value);
        }

        return text.ToString();
    }

    internal static List<string> SplitNodes(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Hides a token typed into a malformed part, so the error message is safe to log.</summary>
    private static string Masked(string part) =>
        part.StartsWith("token", StringComparison.OrdinalIgnoreCase) ? "token…" : part;

    private static LoadBalancingStrategy ParseStrategy(string value) => value.ToLowerInvariant() switch
    {
        "weightedrandom" or "weighted" or "random" => LoadBalancingStrategy.WeightedRandom,
        "roundrobin" => LoadBalancingStrategy.RoundRobin,
        _ => throw new ArgumentException($"loadBalancing must be weightedRandom or roundRobin; got '{value}'."),
    };

    private static TimeSpan ParseDuration(string key, string value) =>
        Duration.TryParse(value, out var duration)
            ? duration
            : throw new ArgumentException($"{key} must be a duration such as 30s, 200ms or 00:00:30; got '{value}'.");

    private static int ParseInt(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{key} must be a whole number; got '{value}'.");

    private static bool ParseBool(string key, string value) =>
        bool.TryParse(value, out var flag) ? flag : throw new ArgumentException($"{key} must be true or false; got '{value}'.");
}
