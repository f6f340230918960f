using System.Diagnostics;
using System.Text.Json;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Cli.Tests;

/// <summary>The built tool as a real process, as a shell script would run it.</summary>
[Trait("Category", "Integration")]
public sealed class ToolProcessTests
{
    [Fact]
    public async Task BuiltTool_RegistersAndListsWithJsonAndExitCodes()
    {
        await using var node = await BeaconTestNode.StartAsync();

        var registered = await RunAsync(node.BaseAddress, "register", "orders", "o-1", "-a", "http://10.0.0.5:8080", "--json");
        var listed = await RunAsync(node.BaseAddress, "instances", "orders", "--json");
        var missing = await RunAsync(node.BaseAddress, "instances", "nothing");

        Assert.True(registered.Code == 0, registered.Error);
        Assert.Equal("o-1", JsonSerializer.Deserialize(registered.Out, BeaconJsonContext.Default.InstanceInfo)!.Id);
        Assert.Equal("o-1", Assert.Single(JsonSerializer.Deserialize(listed.Out, BeaconJsonContext.Default.ServiceInstances)!.Instances).Id);
        Assert.Equal((ExitCodes.ServerError, ""), (missing.Code, missing.Out));
        Assert.Contains("service-not-found", missing.Error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Error)> RunAsync(Uri server, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "beacon.dll");
        var start = new ProcessStartInfo("dotnet", [dll, .. args, "--server", server.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["BEACON_SERVER"] = null },
        };
        using var process = Process.Start(start)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
