using System.CommandLine;
using Beacon.Cli.Output;
using Beacon.Contracts;
using Spectre.Console;

namespace Beacon.Cli.Commands;

/// <summary>
/// <c>beacon set-status &lt;service&gt; &lt;id&gt; OUT_OF_SERVICE</c>: the operator's override (Eureka's
/// <c>overriddenStatus</c>), which wins over what the instance reports; <c>NONE</c> removes it.
/// </summary>
internal static class SetStatusCommand
{
    private static readonly string[] s_values = ["UP", "DOWN", "STARTING", "OUT_OF_SERVICE", "NONE"];

    public static Command Create(CliRuntime runtime)
    {
        var service = new Argument<string>("service") { Description = "The service" };
        var id = new Argument<string>("id") { Description = "The instance id" };
        var status = new Argument<string>("status")
        {
            Description = "OUT_OF_SERVICE takes it out of discovery; NONE hands the status back to the instance",
        };
        status.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!s_values.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"'{value}' is not a status; use one of {string.Join(", ", s_values)}.");
            }
        });

        var command = new Command("set-status", "Override an instance's status (OUT_OF_SERVICE, UP, ..., or NONE to clear)")
        {
            service, id, status,
        };
        runtime.SetAction(command, async (parse, scope, cancellationToken) =>
        {
            var (s, i) = (parse.GetValue(service)!, parse.GetValue(id)!);
            var value = parse.GetValue(status)!.ToUpperInvariant();
            var instance = await scope.Http.PatchAsync(s, i, new PatchInstanceRequest { StatusOverride = value }, cancellationToken);
            if (scope.Json)
            {
                scope.WriteJson(instance, c => c.InstanceInfo);
                return ExitCodes.Ok;
            }

            var how = instance.StatusOverride is null ? "as it reports itself" : "by operator override";
            scope.Console.MarkupLine($"[bold]{Markup.Escape(s)}/{Markup.Escape(i)}[/] is {Styles.Status(instance.Status)} {how}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
