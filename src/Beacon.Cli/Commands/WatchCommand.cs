using System.CommandLine;
using System.Text;
using System.Text.Json;
using Beacon.Cli.Http;
using Beacon.Cli.Output;
using Beacon.Contracts;
using Spectre.Console;

namespace Beacon.Cli.Commands;

/// <summary>
/// <c>beacon watch &lt;service&gt;...</c>: follows the node's SSE stream and prints each change as it
/// happens, until Ctrl-C. A dropped stream is resumed with <c>Last-Event-ID</c>, so nothing is missed.
/// </summary>
internal static class WatchCommand
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    public static Command Create(CliRuntime runtime)
    {
        var services = new Argument<string[]>("service")
        {
            Description = "The services to watch (one or more)",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("watch", "Print the instances of services, then every change live, until Ctrl-C") { services };
        runtime.SetAction(command, (parse, scope, cancellationToken) =>
            WatchAsync(scope, parse.GetValue(services)!, cancellationToken), timeout: Timeout.InfiniteTimeSpan);
        return command;
    }

    private static async Task<int> WatchAsync(CommandScope scope, string[] services, CancellationToken cancellationToken)
    {
        string? lastEventId = null;
        var connected = false;
        try
        {
            while (true)
            {
                try
                {
                    using var response = await scope.Http.OpenWatchAsync(services, lastEventId, cancellationToken);
                    if (connected)
                    {
                        scope.Note("[grey]Reconnected.[/]");
                    }

                    connected = true;
                    using var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                    while (await reader.ReadAsync(cancellationToken) is { } sse)
                    {
                        lastEventId = sse.Id ?? lastEventId;
                        Print(scope, sse);
                    }
                }
                catch (Exception e) when (connected && e is ServerUnreachableException or IOException or HttpRequestException)
                {
                    // Lost a stream that worked: the node may be restarting. The first connection's
                    // failure, by contrast, propagates as "unreachable" (exit code 3).
                }

                scope.Note("[yellow]The stream ended; reconnecting...[/]");
                await Task.Delay(ReconnectDelay, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok; // Ctrl-C is how a watch is meant to end
        }
    }

    private static void Print(CommandScope scope, ServerSentEvent sse)
    {
        if (scope.Json)
        {
            scope.Out.WriteLine(JsonLine(sse));
            scope.Out.Flush();
            return;
        }

        var time = $"[grey]{DateTimeOffset.Now:HH:mm:ss}[/]";
        switch (sse.Event)
        {
            case "snapshot":
                var snapshot = JsonSerializer.Deserialize(sse.Data, BeaconJsonContext.Wire.ServiceInstances)!;
                var up = snapshot.Instances.Count(i => i.Status == InstanceStatus.Up && i.Healthy);
                scope.Console.MarkupLine($"{time} [blue]snapshot[/]     [bold]{Markup.Escape(snapshot.Service)}[/]: {snapshot.Instances.Count} instances, {up} up");
                foreach (var instance in snapshot.Instances)
                {
                    scope.Console.MarkupLine($"         {Describe(snapshot.Service, instance)}");
                }

                break;
            case "change":
                var change = JsonSerializer.Deserialize(sse.Data, BeaconJsonContext.Wire.ChangeInfo)!;
                scope.Console.MarkupLine($"{time} {Op(change.Op)} {Describe(change.Service, change.Instance)}");
                break;
        }
    }

    private static string Describe(string service, InstanceInfo i) =>
        $"[bold]{Markup.Escape(service)}/{Markup.Escape(i.Id)}[/]  {Styles.StatusOf(i)}{(i.Healthy ? "" : " [red]unhealthy[/]")}  " +
        $"{Markup.Escape(i.Zone)}  {Markup.Escape(string.Join(' ', i.Addresses))}  weight {i.Weight}";

    private static string Op(ChangeOp op) => op switch
    {
        ChangeOp.Registered => "[green]registered[/]  ",
        ChangeOp.Updated => "[yellow]updated[/]     ",
        ChangeOp.Deregistered => "[red]deregistered[/]",
        ChangeOp.Evicted => "[red]evicted[/]     ",
        _ => op.ToString(),
    };

    /// <summary><c>{"event":"change","id":"17…","data":{…}}</c>: one event per line (NDJSON) for scripts.</summary>
    private static string JsonLine(ServerSentEvent sse)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", sse.Event);
            if (sse.Id is not null)
            {
                writer.WriteString("id", sse.Id);
            }

            writer.WritePropertyName("data");
            writer.WriteRawValue(sse.Data);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
