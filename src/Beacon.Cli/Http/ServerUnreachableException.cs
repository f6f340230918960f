namespace Beacon.Cli.Http;

/// <summary>No answer from the server: refused, unresolvable, reset, or silent past the timeout.</summary>
public sealed class ServerUnreachableException(Uri server, string reason, Exception? inner = null)
    : Exception($"Could not reach the Beacon server at {server}: {reason}", inner)
{
    public Uri Server { get; } = server;
}
