using System.CommandLine;
using Beacon.Contracts;
using Spectre.Console;

namespace Beacon.Cli.Commands;

/// <summary><c>beacon status</c>: the node's state, counts and self-preservation, Eureka status page style.</summary>
internal static class StatusCommand
{
    public static Command Create(CliRuntime runtime)
    {
        var command = new Command("status", "Show the node: readiness, counts, evictions and self-preservation");
        runtime.SetAction(command, async (parse, scope, cancellationToken) =>
        {
            var status = await scope.Http.GetStatusAsync(cancellationToken);
            if (scope.Json)
            {
                scope.WriteJson(status, c => c.NodeStatus);
                return ExitCodes.Ok;
            }

            var guard = status.SelfPreservation;
            var grid = new Grid().AddColumn(new GridColumn().PadRight(3)).AddColumn();
            Row(grid, "Node", $"{Markup.Escape(status.NodeId)} [grey](zone {Markup.Escape(status.Zone)})[/]");
            Row(grid, "Server", Markup.Escape(scope.Http.Server.ToString()));
            Row(grid, "Ready", status.Ready ? "[green]yes[/]" : "[red]no[/] (starting)");
            Row(grid, "Up since", $"{status.StartedAt:yyyy-MM-dd HH:mm:ss}Z ({Output.Styles.Ago(status.StartedAt, DateTimeOffset.UtcNow).Replace(" ago", "", StringComparison.Ordinal)})");
            Row(grid, "Revision", status.Revision.ToString());
            Row(grid, "Instances", $"{status.Instances} in {status.Services} services, {status.Namespaces} namespaces");
            Row(grid, "Evictions", status.Evictions.ToString());
            Row(grid, "Self-preservation", SelfPreservation(guard));
            Row(grid, "Renewals/min", $"{guard.ActualRenewalsPerMinute:0.#} of {guard.ExpectedRenewalsPerMinute:0.#} expected (threshold {guard.Threshold:P0})");
            scope.Console.Write(grid);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Row(Grid grid, string name, string value) => grid.AddRow($"[bold]{name}[/]", value);

    private static string SelfPreservation(SelfPreservationStatus guard) =>
        !guard.Enabled ? "[grey]disabled[/]"
        : guard.Active ? "[red]ACTIVE[/]: too few renewals, eviction is suspended"
        : guard.WarmingUp ? "[yellow]warming up[/] (the renewal rate is not judged yet)"
        : "[green]off[/] (renewals are healthy, eviction works)";
}
