using System.CommandLine;
using Beacon.Contracts;

namespace Beacon.Cli;

/// <summary>Options every command takes: where the server is, which namespace, and the output format.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultServer = "http://127.0.0.1:7171";
    public const string ServerVariable = "BEACON_SERVER";

    public Option<string?> Server { get; } = new("--server", "-s")
    {
        Description = $"The Beacon node to talk to [default: ${ServerVariable} or {DefaultServer}]",
        HelpName = "url",
        Recursive = true,
    };

    public Option<string> Namespace { get; } = new("--namespace", "-n")
    {
        Description = "The namespace (environment or tenant)",
        DefaultValueFactory = _ => BeaconRoutes.DefaultNamespace,
        HelpName = "name",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print JSON (for scripts) instead of tables",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Server);
        root.Options.Add(Namespace);
        root.Options.Add(Json);
    }

    /// <summary>The server's base URL: <c>--server</c>, else <c>BEACON_SERVER</c>, else the default.</summary>
    public Uri ResolveServer(ParseResult parse, CliEnvironment environment)
    {
        var text = parse.GetValue(Server);
        if (string.IsNullOrWhiteSpace(text))
        {
            text = environment.GetVariable(ServerVariable);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            text = DefaultServer;
        }

        // "127.0.0.1:7171" is what people type; it means http.
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query))
        {
            throw new UsageException($"'{text}' is not a server URL; expected something like {DefaultServer}.");
        }

        return uri;
    }
}
