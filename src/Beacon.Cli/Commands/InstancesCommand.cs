using System.CommandLine;
using Beacon.Cli.Output;
using Spectre.Console;

namespace Beacon.Cli.Commands;

/// <summary><c>beacon instances &lt;service&gt;</c>: every instance of a service, whatever its status.</summary>
internal static class InstancesCommand
{
    public static Command Create(CliRuntime runtime)
    {
        var service = new Argument<string>("service") { Description = "The service" };
        var status = new Option<string>("--status")
        {
            Description = "Only these statuses, comma-separated (UP,DOWN,STARTING,OUT_OF_SERVICE), or all",
            DefaultValueFactory = _ => "all",
        };
        var healthy = new Option<string>("--healthy")
        {
            Description = "Only healthy (true), unhealthy (false) or any",
            DefaultValueFactory = _ => "any",
        };
        healthy.AcceptOnlyFromAmong("true", "false", "any");
        var zone = new Option<string?>("--zone") { Description = "Only instances of this zone" };

        // An operator wants to see everything, including what discovery hides; scripts can narrow it.
        var command = new Command("instances", "List the instances of a service (all statuses unless --status)")
        {
            service, status, healthy, zone,
        };
        runtime.SetAction(command, async (parse, scope, cancellationToken) =>
        {
            var answer = await scope.Http.GetServiceAsync(
                parse.GetValue(service)!, parse.GetValue(status)!, parse.GetValue(healthy)!, parse.GetValue(zone), cancellationToken);
            if (scope.Json)
            {
                scope.WriteJson(answer, c => c.ServiceInstances);
                return ExitCodes.Ok;
            }

            if (answer.Instances.Count == 0)
            {
                scope.Console.MarkupLine($"No instances of [bold]{Markup.Escape(answer.Service)}[/] match.");
                return ExitCodes.Ok;
            }

            var now = DateTimeOffset.UtcNow;
            var table = Styles.NewTable("ID", "STATUS", "HEALTHY", "ZONE", "ADDRESSES", "WEIGHT", "VERSION", "RENEWED", "METADATA");
            foreach (var i in answer.Instances)
            {
                table.AddRow(
                    Markup.Escape(i.Id), Styles.StatusOf(i), Styles.Healthy(i.Healthy), Markup.Escape(i.Zone),
                    Markup.Escape(string.Join(' ', i.Addresses)), i.Weight.ToString(), Markup.Escape(i.Version ?? ""),
                    Styles.Ago(i.LastRenewedAt, now), Styles.Metadata(i.Metadata));
            }

            scope.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
