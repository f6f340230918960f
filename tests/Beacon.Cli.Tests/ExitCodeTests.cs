using System.Net;
using System.Text;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Cli.Tests;

/// <summary>The exit codes and messages scripts rely on (docs/cli.md).</summary>
[Trait("Category", "Integration")]
public sealed class ExitCodeTests
{
    [Fact]
    public async Task AnyCommand_ServerNotListening_ExitsThreeAndSaysWhere()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort()}");

        var result = await Cli.RunAsync(closed, "services");

        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.Contains($"Could not reach the Beacon server at {closed}", result.Error, StringComparison.Ordinal);
        Assert.Contains("connection refused", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_ServerNotListening_ExitsThreeAtOnce()
    {
        var result = await Cli.RunAsync(new Uri($"http://127.0.0.1:{FreePort()}"), "watch", "orders");

        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("instances")]
    [InlineData("register", "orders", "o-1")]
    [InlineData("set-weight", "orders", "o-1", "heavy")]
    [InlineData("services", "--server", "not a url")]
    public async Task BadCommandLine_ExitsTwoWithAMessage(params string[] args)
    {
        var result = await Cli.RunAsync(null, args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("beacon: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryCommandAndExitsZero()
    {
        var result = await Cli.RunAsync(null, "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (var command in new[] { "services", "instances", "register", "deregister", "watch", "status", "members", "set-status", "set-weight" })
        {
            Assert.Contains(command, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Server_FromEnvironmentVariable_IsUsedWithoutTheFlag()
    {
        await using var node = await BeaconTestNode.StartAsync();
        var (output, error) = (new CapturedWriter(), new CapturedWriter());
        var environment = Cli.Environment(output, error, name => name == "BEACON_SERVER" ? node.BaseAddress.ToString() : null);

        var code = await BeaconCli.RunAsync(["status", "--json"], environment);

        Assert.True(code == 0, error.ToString());
        Assert.Contains("\"nodeId\": \"test-node\"", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerError_NotAProblemDocument_ExitsOneWithTheStatus()
    {
        using var handler = new StubHandler(HttpStatusCode.BadGateway, "text/plain", "upstream down");
        var (output, error) = (new CapturedWriter(), new CapturedWriter());

        var code = await BeaconCli.RunAsync(["services"], Cli.Environment(output, error, handler: handler));

        Assert.Equal(ExitCodes.ServerError, code);
        Assert.Contains("502 Bad Gateway: upstream down", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_ClusterEndpoint_ListsEveryMemberWithState()
    {
        var members = new ClusterMembers
        {
            Members =
            [
                new ClusterMember { NodeId = "127.0.0.1:8881", Address = "http://127.0.0.1:8881", Zone = "z1", State = MemberState.Up, Self = true, ReplicationBacklog = 0 },
                new ClusterMember { NodeId = "127.0.0.1:8882", Address = "http://127.0.0.1:8882", Zone = "z2", State = MemberState.Suspect, Self = false, ReplicationBacklog = 42, LastContact = DateTimeOffset.UtcNow.AddSeconds(-7) },
            ],
        };
        using var handler = new StubHandler(HttpStatusCode.OK, "application/json",
            System.Text.Json.JsonSerializer.Serialize(members, BeaconJsonContext.Default.ClusterMembers));
        var (output, error) = (new CapturedWriter(), new CapturedWriter());

        var code = await BeaconCli.RunAsync(["members"], Cli.Environment(output, error, handler: handler));

        Assert.True(code == 0, error.ToString());
        var lines = ReadCommandTests.Lines(output.ToString());
        Assert.Equal(["127.0.0.1:8881", "(this", "node)", "http://127.0.0.1:8881", "z1", "up", "-", "0"], ReadCommandTests.Words(lines[1]));
        Assert.Equal(["127.0.0.1:8882", "http://127.0.0.1:8882", "z2", "suspect"], ReadCommandTests.Words(lines[2])[..4]);
        Assert.EndsWith("42", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("Single node", output.ToString(), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Answers every request the same way: a server we do not need to start.</summary>
    private sealed class StubHandler(HttpStatusCode status, string mediaType, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
    }
}
