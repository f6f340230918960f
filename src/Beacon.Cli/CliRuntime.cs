using System.CommandLine;
using Beacon.Cli.Http;
using Beacon.Contracts;

namespace Beacon.Cli;

/// <summary>
/// Runs a command's action inside the tool's rules: one place that turns exceptions into the
/// documented exit codes and messages, so each command only says what it does.
/// </summary>
internal sealed class CliRuntime(CliEnvironment environment, GlobalOptions globals)
{
    /// <summary>How long a normal request may take before the server counts as unreachable.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public GlobalOptions Globals => globals;

    /// <summary>Sets <paramref name="command"/>'s action. Streaming commands pass an infinite timeout.</summary>
    public void SetAction(
        Command command,
        Func<ParseResult, CommandScope, CancellationToken, Task<int>> action,
        TimeSpan? timeout = null)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var server = globals.ResolveServer(parse, environment);
                var http = new BeaconHttp(server, parse.GetValue(globals.Namespace) ?? BeaconRoutes.DefaultNamespace,
                    environment.Handler, timeout ?? RequestTimeout);
                using var scope = new CommandScope(http, environment, parse.GetValue(globals.Json));
                return await action(parse, scope, cancellationToken);
            }
            catch (UsageException e)
            {
                return Fail(ExitCodes.Usage, e.Message);
            }
            catch (ServerProblemException e)
            {
                var type = e.Problem.Type is { } t && t != "about:blank" ? " " + ProblemTypes.ShortName(t) : "";
                var field = e.Problem.Field is { } f ? $" [field: {f}]" : "";
                return Fail(ExitCodes.ServerError, $"{e.Message}{field} ({e.Status}{type})");
            }
            catch (ServerUnreachableException e)
            {
                return Fail(ExitCodes.Unreachable,
                    $"{e.Message}. Pass --server or set {GlobalOptions.ServerVariable} to reach another node.");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 130; // interrupted (Ctrl-C), as shells report it
            }
        });
    }

    private int Fail(int code, string message)
    {
        environment.Error.WriteLine("beacon: " + message);
        environment.Error.Flush();
        return code;
    }
}
