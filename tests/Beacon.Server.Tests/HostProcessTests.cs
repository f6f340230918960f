using System.Diagnostics;
using System.Net.Http.Json;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Server.Tests;

/// <summary>The shipped executable, as a real process, as the README runs it.</summary>
[Trait("Category", "Integration")]
public sealed class HostProcessTests
{
    [Fact]
    public async Task Executable_ServesOnItsUrlsAndTakesFlags()
    {
        var port = Ports.Free();
        using var process = Process.Start(Executable("--urls", $"http://127.0.0.1:{port}", "--zone", "eu-1", "--lease-seconds", "45"))!;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.TrueAsync(async () =>
            {
                try
                {
                    return (await client.GetAsync(BeaconRoutes.Readyz)).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, "the node answers /readyz", TimeSpan.FromSeconds(30));

            var status = await client.GetFromJsonAsync(BeaconRoutes.Status, BeaconJsonContext.Default.NodeStatus);
            Assert.Equal($"127.0.0.1:{port}", status!.NodeId);
            Assert.Equal("eu-1", status.Zone);
            var info = await client.RegisterOkAsync("orders", "o-1");
            Assert.Equal(45, info.LeaseSeconds);
            Assert.Equal("eu-1", info.Zone);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Executable_WithSettingsThatBreakARule_SaysWhyInOneLineAndExits2()
    {
        var port = Ports.Free();
        var (exitCode, stderr) = await RunToExitAsync(
            "--urls", $"http://127.0.0.1:{port}", "--node-id", "n1", "--nodes", $"http://127.0.0.1:{port},http://127.0.0.1:{Ports.Free()}");
        Assert.Equal(2, exitCode);
        Assert.Contains("beacon: invalid settings:", stderr, StringComparison.Ordinal);
        Assert.Contains("Beacon:NodeId", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Executable_OnAPortInUse_SaysSoAndExits1()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var (exitCode, stderr) = await RunToExitAsync("--urls", $"http://127.0.0.1:{port}");
        Assert.Equal(1, exitCode);
        Assert.Contains($"beacon: cannot listen: Failed to bind to address http://127.0.0.1:{port}", stderr, StringComparison.Ordinal);
    }

    /// <summary>The shipped executable with <paramref name="args"/>, its output captured.</summary>
    private static ProcessStartInfo Executable(params string[] args) =>
        new("dotnet", [Path.Combine(AppContext.BaseDirectory, "beacon-server.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };

    private static async Task<(int ExitCode, string Stderr)> RunToExitAsync(params string[] args)
    {
        using var process = Process.Start(Executable(args))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
            await stdout;
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, stderr);
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
