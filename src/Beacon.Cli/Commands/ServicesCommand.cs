using System.CommandLine;
using Beacon.Cli.Output;
using Spectre.Console;

namespace Beacon.Cli.Commands;

/// <summary><c>beacon services</c>: the services of a namespace with their instance counts.</summary>
internal static class ServicesCommand
{
    public static Command Create(CliRuntime runtime)
    {
        var command = new Command("services", "List the services of a namespace, with how many instances are up");
        runtime.SetAction(command, async (parse, scope, cancellationToken) =>
        {
            var list = await scope.Http.ListServicesAsync(cancellationToken);
            if (scope.Json)
            {
                scope.WriteJson(list, c => c.ServiceList);
                return ExitCodes.Ok;
            }

            if (list.Services.Count == 0)
            {
                scope.Console.MarkupLine($"No services in namespace [bold]{Markup.Escape(list.Namespace)}[/].");
                return ExitCodes.Ok;
            }

            var table = Styles.NewTable("SERVICE", "UP", "INSTANCES", "REVISION");
            foreach (var service in list.Services)
            {
                table.AddRow(Markup.Escape(service.Service), Styles.UpCount(service.Up, service.Instances),
                    service.Instances.ToString(), service.Revision.ToString());
            }

            scope.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
