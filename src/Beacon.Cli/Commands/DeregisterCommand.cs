using System.CommandLine;
using Spectre.Console;

namespace Beacon.Cli.Commands;

/// <summary><c>beacon deregister &lt;service&gt; &lt;id&gt;</c>.</summary>
internal static class DeregisterCommand
{
    public static Command Create(CliRuntime runtime)
    {
        var service = new Argument<string>("service") { Description = "The service" };
        var id = new Argument<string>("id") { Description = "The instance id" };
        var command = new Command("deregister", "Remove an instance from the registry") { service, id };
        runtime.SetAction(command, async (parse, scope, cancellationToken) =>
        {
            var (s, i) = (parse.GetValue(service)!, parse.GetValue(id)!);
            await scope.Http.DeregisterAsync(s, i, cancellationToken);
            scope.Note($"Deregistered [bold]{Markup.Escape(s)}/{Markup.Escape(i)}[/].");
            return ExitCodes.Ok;
        });
        return command;
    }
}
