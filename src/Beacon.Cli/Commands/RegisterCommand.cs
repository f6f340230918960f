using System.CommandLine;
using Beacon.Cli.Http;
using Beacon.Cli.Output;
using Beacon.Contracts;
using Spectre.Console;

namespace Beacon.Cli.Commands;

/// <summary>
/// <c>beacon register &lt;service&gt; &lt;id&gt; --address URL</c>; with <c>--heartbeat</c> it stays
/// alive, renewing the lease, and deregisters on Ctrl-C (a stand-in for a service without an SDK).
/// </summary>
internal static class RegisterCommand
{
    public static Command Create(CliRuntime runtime)
    {
        var service = new Argument<string>("service") { Description = "The service" };
        var id = new Argument<string>("id") { Description = "The instance id, unique within the service" };
        var address = new Option<string[]>("--address", "-a")
        {
            Description = "Where the instance is reachable, e.g. http://10.0.0.5:8080 (repeat for several)",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            HelpName = "url",
        };
        var zone = new Option<string?>("--zone") { Description = "The instance's zone [default: the node's]" };
        var weight = new Option<int?>("--weight") { Description = "Relative share of traffic, 0 to 10000 [default: 100]" };
        var version = new Option<string?>("--version") { Description = "The software version" };
        var status = new Option<string?>("--status") { Description = "UP, DOWN, STARTING or OUT_OF_SERVICE [default: UP]" };
        status.AcceptOnlyFromAmong("UP", "DOWN", "STARTING", "OUT_OF_SERVICE");
        var metadata = new Option<string[]>("--meta", "-m")
        {
            Description = "Metadata as key=value (repeat for several)",
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "key=value",
        };
        var lease = new Option<int?>("--lease-seconds") { Description = "Silence after which the instance is evicted [default: the node's, 90]" };
        var interval = new Option<int?>("--heartbeat-seconds") { Description = "Heartbeat interval promised [default: a third of the lease]" };
        var heartbeat = new Option<bool>("--heartbeat")
        {
            Description = "Keep the instance alive with heartbeats until Ctrl-C, then deregister it",
        };

        var command = new Command("register", "Register an instance (or update it)")
        {
            service, id, address, zone, weight, version, status, metadata, lease, interval, heartbeat,
        };
        runtime.SetAction(command, async (parse, scope, cancellationToken) =>
        {
            var (s, i) = (parse.GetValue(service)!, parse.GetValue(id)!);
            var request = new RegisterInstanceRequest
            {
                Addresses = parse.GetValue(address),
                Zone = parse.GetValue(zone),
                Weight = parse.GetValue(weight),
                Version = parse.GetValue(version),
                Status = ParseStatus(parse.GetValue(status)),
                Metadata = ParseMetadata(parse.GetValue(metadata) ?? []),
                LeaseSeconds = parse.GetValue(lease),
                HeartbeatSeconds = parse.GetValue(interval),
            };
            var (instance, created) = await scope.Http.RegisterAsync(s, i, request, cancellationToken);
            if (scope.Json)
            {
                scope.WriteJson(instance, c => c.InstanceInfo);
            }
            else
            {
                scope.Console.MarkupLine(
                    $"{(created ? "Registered" : "Updated")} [bold]{Markup.Escape(s)}/{Markup.Escape(i)}[/]: {Styles.StatusOf(instance)}, " +
                    $"zone {Markup.Escape(instance.Zone)}, lease {instance.LeaseSeconds} s.");
            }

            return parse.GetValue(heartbeat)
                ? await KeepAliveAsync(scope, s, i, request, instance.HeartbeatSeconds, cancellationToken)
                : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Heartbeats until cancelled, registering again if the node forgot us; then deregisters.</summary>
    private static async Task<int> KeepAliveAsync(
        CommandScope scope, string service, string id, RegisterInstanceRequest request, int heartbeatSeconds, CancellationToken cancellationToken)
    {
        scope.Note($"Heartbeat every {heartbeatSeconds} s; press Ctrl-C to deregister and stop.");
        var interval = TimeSpan.FromSeconds(heartbeatSeconds);
        try
        {
            while (true)
            {
                await Task.Delay(interval, cancellationToken);
                try
                {
                    if (!await scope.Http.HeartbeatAsync(service, id, cancellationToken))
                    {
                        // Evicted, or the node restarted empty: put the registration back.
                        await scope.Http.RegisterAsync(service, id, request, cancellationToken);
                        scope.Note("The node did not know the instance any more; registered it again.");
                    }
                }
                catch (Exception e) when (e is ServerUnreachableException or ServerProblemException)
                {
                    // Keep trying: the node may be restarting, and the lease outlives a few misses.
                    scope.Error.WriteLine($"beacon: heartbeat failed: {e.Message}");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await scope.Http.DeregisterAsync(service, id, timeout.Token);
            scope.Note($"Deregistered [bold]{Markup.Escape(service)}/{Markup.Escape(id)}[/].");
            return ExitCodes.Ok;
        }
    }

    private static InstanceStatus? ParseStatus(string? value) => value switch
    {
        null => null,
        "UP" => InstanceStatus.Up,
        "DOWN" => InstanceStatus.Down,
        "STARTING" => InstanceStatus.Starting,
        "OUT_OF_SERVICE" => InstanceStatus.OutOfService,
        _ => throw new UsageException($"'{value}' is not a status."),
    };

    private static Dictionary<string, string>? ParseMetadata(string[] pairs)
    {
        if (pairs.Length == 0)
        {
            return null;
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--meta '{pair}' is not key=value.");
            }

            metadata[pair[..equals]] = pair[(equals + 1)..];
        }

        return metadata;
    }
}
