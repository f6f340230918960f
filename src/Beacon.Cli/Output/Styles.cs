using Beacon.Contracts;
using Spectre.Console;

namespace Beacon.Cli.Output;

/// <summary>How values look in tables: status colours, relative times. One look across commands.</summary>
internal static class Styles
{
    public static Table NewTable(params string[] headers)
    {
        // kubectl-like: no borders, so lines stay greppable and columns copy cleanly.
        var table = new Table().NoBorder().HideRowSeparators();
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn($"[bold]{header}[/]").PadRight(2).PadLeft(0));
        }

        return table;
    }

    public static string Status(InstanceStatus status) => status switch
    {
        InstanceStatus.Up => "[green]UP[/]",
        InstanceStatus.Down => "[red]DOWN[/]",
        InstanceStatus.Starting => "[yellow]STARTING[/]",
        InstanceStatus.OutOfService => "[grey]OUT_OF_SERVICE[/]",
        _ => Markup.Escape(status.ToString()),
    };

    public static string StatusOf(InstanceInfo instance) =>
        Status(instance.Status) + (instance.StatusOverride is not null ? " (operator)" : "");

    public static string Wire(InstanceStatus status) => status switch
    {
        InstanceStatus.Up => "UP",
        InstanceStatus.Down => "DOWN",
        InstanceStatus.Starting => "STARTING",
        InstanceStatus.OutOfService => "OUT_OF_SERVICE",
        _ => status.ToString(),
    };

    public static string Healthy(bool healthy) => healthy ? "[green]yes[/]" : "[red]no[/]";

    public static string MemberState(MemberState state) => state switch
    {
        Contracts.MemberState.Up => "[green]up[/]",
        Contracts.MemberState.Suspect => "[yellow]suspect[/]",
        Contracts.MemberState.Down => "[red]down[/]",
        _ => Markup.Escape(state.ToString()),
    };

    /// <summary>"3 of 4" in green when all are up, yellow when some, red when none.</summary>
    public static string UpCount(int up, int total)
    {
        var colour = up == total ? "green" : up == 0 ? "red" : "yellow";
        return $"[{colour}]{up}[/]";
    }

    /// <summary>"4s ago", "3m ago", "2h ago", "5d ago".</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var span = now - at;
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds}s ago"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes}m ago"
            : span.TotalHours < 48 ? $"{(int)span.TotalHours}h ago"
            : $"{(int)span.TotalDays}d ago";
    }

    public static string Metadata(IReadOnlyDictionary<string, string> metadata) =>
        Markup.Escape(string.Join(", ", metadata.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
}
