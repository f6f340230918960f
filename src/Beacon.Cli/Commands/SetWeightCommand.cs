using System.CommandLine;
using Beacon.Contracts;
using Spectre.Console;

namespace Beacon.Cli.Commands;

/// <summary><c>beacon set-weight &lt;service&gt; &lt;id&gt; &lt;weight&gt;</c>: shift traffic between instances.</summary>
internal static class SetWeightCommand
{
    public static Command Create(CliRuntime runtime)
    {
        var service = new Argument<string>("service") { Description = "The service" };
        var id = new Argument<string>("id") { Description = "The instance id" };
        var weight = new Argument<int>("weight") { Description = "Relative share of traffic, 0 to 10000 (100 is the default)" };
        var command = new Command("set-weight", "Change an instance's weight") { service, id, weight };
        runtime.SetAction(command, async (parse, scope, cancellationToken) =>
        {
            var (s, i) = (parse.GetValue(service)!, parse.GetValue(id)!);
            var instance = await scope.Http.PatchAsync(s, i, new PatchInstanceRequest { Weight = parse.GetValue(weight) }, cancellationToken);
            if (scope.Json)
            {
                scope.WriteJson(instance, c => c.InstanceInfo);
                return ExitCodes.Ok;
            }

            scope.Console.MarkupLine($"[bold]{Markup.Escape(s)}/{Markup.Escape(i)}[/] has weight {instance.Weight}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
