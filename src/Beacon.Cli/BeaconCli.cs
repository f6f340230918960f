using System.CommandLine;
using Beacon.Cli.Commands;

namespace Beacon.Cli;

/// <summary>The <c>beacon</c> tool: builds the command tree and runs one command line.</summary>
public static class BeaconCli
{
    /// <summary>Runs <paramref name="args"/> and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var globals = new GlobalOptions();
        var root = CreateRoot(new CliRuntime(environment, globals), globals);
        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            // Room to deregister after Ctrl-C (register --heartbeat) before the process is ended.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(6),
        };

        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync("beacon: " + error.Message);
            }

            var path = string.Join(' ', CommandPath(parse).Reverse().Prepend("beacon"));
            await environment.Error.WriteLineAsync($"Run '{path} --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    private static RootCommand CreateRoot(CliRuntime runtime, GlobalOptions globals)
    {
        var root = new RootCommand("beacon: look at and operate a Beacon service registry. Exit codes: 0 ok, 1 the server answered an error, 2 usage error, 3 server unreachable.");
        globals.AddTo(root);
        root.Subcommands.Add(ServicesCommand.Create(runtime));
        root.Subcommands.Add(InstancesCommand.Create(runtime));
        root.Subcommands.Add(RegisterCommand.Create(runtime));
        root.Subcommands.Add(DeregisterCommand.Create(runtime));
        root.Subcommands.Add(SetStatusCommand.Create(runtime));
        root.Subcommands.Add(SetWeightCommand.Create(runtime));
        root.Subcommands.Add(WatchCommand.Create(runtime));
        root.Subcommands.Add(StatusCommand.Create(runtime));
        root.Subcommands.Add(MembersCommand.Create(runtime));
        return root;
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        for (var result = parse.CommandResult; result is not null && result.Command is not RootCommand; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            yield return result.Command.Name;
        }
    }
}
