namespace Beacon.Cli.Tests;

/// <summary>What one run of the tool produced.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs the tool in-process, as the shell would, with captured output.</summary>
internal static class Cli
{
    public static async Task<CliResult> RunAsync(Uri? server, params string[] args)
    {
        var (output, error) = (new CapturedWriter(), new CapturedWriter());
        var code = await BeaconCli.RunAsync(WithServer(server, args), Environment(output, error));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Starts a long-running command (watch, register --heartbeat) that runs until cancelled.</summary>
    public static (Task<int> Exit, CapturedWriter Out, CapturedWriter Error) Start(Uri server, CancellationToken cancellationToken, params string[] args)
    {
        var (output, error) = (new CapturedWriter(), new CapturedWriter());
        var exit = Task.Run(() => BeaconCli.RunAsync(WithServer(server, args), Environment(output, error), cancellationToken));
        return (exit, output, error);
    }

    public static CliEnvironment Environment(TextWriter output, TextWriter error, Func<string, string?>? variables = null, HttpMessageHandler? handler = null) => new()
    {
        Out = output,
        Error = error,
        Interactive = false,
        Width = 200,
        // Never read the developer's own BEACON_SERVER: tests name their node explicitly.
        GetVariable = variables ?? (_ => null),
        Handler = handler,
    };

    private static string[] WithServer(Uri? server, string[] args) =>
        server is null ? args : [.. args, "--server", server.ToString()];
}
