using Beacon.Client.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Beacon.Client;

/// <summary>
/// Configures and builds a <see cref="BeaconClient"/> (as Npgsql's data source builder): set options,
/// a logger factory and a clock, then <see cref="Build"/> an immutable client. Build validates the
/// options and copies them.
/// </summary>
public sealed class BeaconClientBuilder
{
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private TimeProvider _time = TimeProvider.System;

    /// <summary>A builder with default options; name at least one node.</summary>
    public BeaconClientBuilder()
    {
    }

    /// <summary>A builder from a connection string such as <c>nodes=127.0.0.1:7171;namespace=prod</c>.</summary>
    /// <exception cref="ArgumentException">The string has an unknown key or a bad value.</exception>
    public BeaconClientBuilder(string connectionString)
    {
        Options = BeaconClientOptions.Parse(connectionString);
    }

    /// <summary>A builder from existing options (copied when the client is built).</summary>
    public BeaconClientBuilder(BeaconClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The options the client will be built with.</summary>
    public BeaconClientOptions Options { get; } = new();

    /// <summary>Adds registry nodes (<c>host:port</c> or base URLs).</summary>
    public BeaconClientBuilder WithNodes(params string[] nodes)
    {
        foreach (var node in nodes)
        {
            Options.Nodes.Add(node);
        }

        return this;
    }

    /// <summary>Sets the namespace.</summary>
    public BeaconClientBuilder WithNamespace(string @namespace)
    {
        Options.Namespace = @namespace;
        return this;
    }

    /// <summary>Sets the caller's zone (preferred when picking, default zone of registrations).</summary>
    public BeaconClientBuilder WithZone(string? zone)
    {
        Options.Zone = zone;
        return this;
    }

    /// <summary>Changes any option.</summary>
    public BeaconClientBuilder Configure(Action<BeaconClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Options);
        return this;
    }

    /// <summary>Where the client logs. Default: nowhere.</summary>
    public BeaconClientBuilder WithLoggerFactory(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _loggerFactory = loggerFactory;
        return this;
    }

    /// <summary>The clock for heartbeats, backoff and failure cooldowns. Default: the system clock.</summary>
    public BeaconClientBuilder WithTimeProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        return this;
    }

    /// <summary>Validates and copies the options and builds the client; it starts working at once.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public BeaconClient Build()
    {
        var options = Options.Clone();
        OptionsValidator.Validate(options);
        return new BeaconClient(options, _loggerFactory, _time);
    }
}
