using System.CommandLine;
using Beacon.Cli.Output;
using Beacon.Contracts;
using Spectre.Console;

namespace Beacon.Cli.Commands;

/// <summary><c>beacon members</c>: the cluster as the node sees it; a single node says so.</summary>
internal static class MembersCommand
{
    public static Command Create(CliRuntime runtime)
    {
        var command = new Command("members", "List the cluster's members and their state");
        runtime.SetAction(command, async (parse, scope, cancellationToken) =>
        {
            var members = await scope.Http.GetMembersAsync(cancellationToken);
            var single = members is null;
            if (members is null)
            {
                // No cluster endpoint: the node runs alone, and is its own only member.
                var status = await scope.Http.GetStatusAsync(cancellationToken);
                members = new ClusterMembers
                {
                    Members =
                    [
                        new ClusterMember
                        {
                            NodeId = status.NodeId, Address = scope.Http.Server.ToString().TrimEnd('/'), Zone = status.Zone,
                            State = MemberState.Up, Self = true, ReplicationBacklog = 0,
                        },
                    ],
                };
            }

            if (scope.Json)
            {
                scope.WriteJson(members, c => c.ClusterMembers);
                return ExitCodes.Ok;
            }

            var now = DateTimeOffset.UtcNow;
            var table = Styles.NewTable("NODE", "ADDRESS", "ZONE", "STATE", "LAST CONTACT", "BACKLOG");
            foreach (var m in members.Members)
            {
                table.AddRow(
                    Markup.Escape(m.NodeId) + (m.Self ? " [grey](this node)[/]" : ""), Markup.Escape(m.Address), Markup.Escape(m.Zone ?? "-"),
                    Styles.MemberState(m.State), m.Self ? "-" : m.LastContact is { } at ? Styles.Ago(at, now) : "never",
                    m.ReplicationBacklog.ToString());
            }

            scope.Console.Write(table);
            if (single)
            {
                scope.Console.MarkupLine("[grey]Single node: no cluster is configured on this node.[/]");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
