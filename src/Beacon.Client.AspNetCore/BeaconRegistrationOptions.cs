namespace Beacon.Client.AspNetCore;

/// <summary>
/// How the app registers itself (configuration section <c>Beacon:Registration</c>). Every value has a
/// default: the service name is the application's name, the addresses are the URLs the server is
/// bound to, the id is <c>host:service:port</c> as Eureka names instances.
/// </summary>
public sealed class BeaconRegistrationOptions
{
    /// <summary>Whether the app registers itself. Default true; false for an app that only calls others.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The service name. Default: the application name, lower-cased, other characters as <c>-</c>.</summary>
    public string? Service { get; set; }

    /// <summary>The instance id. Default <c>{host}:{service}:{port}</c>.</summary>
    public string? InstanceId { get; set; }

    /// <summary>
    /// The addresses to register. Default: the server's bound URLs, with a wildcard host
    /// (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c>) replaced by <see cref="Host"/>.
    /// </summary>
    public IList<string> Addresses { get; set; } = [];

    /// <summary>The host to advertise for wildcard bindings. Default: the first non-loopback IPv4 address.</summary>
    public string? Host { get; set; }

    /// <summary>The zone; null: the client's zone.</summary>
    public string? Zone { get; set; }

    /// <summary>Weight 0 to 10000; null: 100.</summary>
    public int? Weight { get; set; }

    /// <summary>The software version; null: none.</summary>
    public string? Version { get; set; }

    /// <summary>Free-form metadata.</summary>
    public IDictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>();

    /// <summary>
    /// How long to keep serving after reporting DOWN at shutdown, before deregistering, so callers'
    /// caches learn that the instance is going before it stops answering. Default 0; a second or two
    /// is plenty with watching clients.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;
}
