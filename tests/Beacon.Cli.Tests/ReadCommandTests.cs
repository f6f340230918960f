using System.Text.Json;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Cli.Tests;

/// <summary>services, instances, status and members against a real node.</summary>
[Trait("Category", "Integration")]
public sealed class ReadCommandTests : IAsyncLifetime
{
    private BeaconTestNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await BeaconTestNode.StartAsync();
        await _node.Client.RegisterOkAsync("orders", "o-1", """{"addresses":["http://10.0.0.5:8080"],"zone":"eu-1a","version":"1.4.2","metadata":{"team":"payments"}}""");
        await _node.Client.RegisterOkAsync("orders", "o-2", """{"addresses":["http://10.0.0.6:8080"],"status":"STARTING","weight":50}""");
        await _node.Client.RegisterOkAsync("payments", "p-1");
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Services_Table_ListsEachServiceWithUpAndTotal()
    {
        var result = await Cli.RunAsync(_node.BaseAddress, "services");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = Lines(result.Out);
        Assert.Equal(["SERVICE", "UP", "INSTANCES", "REVISION"], Words(lines[0]));
        Assert.Equal(["orders", "1", "2"], Words(lines[1])[..3]);
        Assert.Equal(["payments", "1", "1"], Words(lines[2])[..3]);
    }

    [Fact]
    public async Task Services_Json_PrintsTheWireContract()
    {
        var result = await Cli.RunAsync(_node.BaseAddress, "services", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var list = JsonSerializer.Deserialize(result.Out, BeaconJsonContext.Default.ServiceList)!;
        Assert.Equal(["orders", "payments"], list.Services.Select(s => s.Service));
        Assert.Equal(2, list.Services[0].Instances);
    }

    [Fact]
    public async Task Instances_Default_ShowsEveryStatusWithDetails()
    {
        var result = await Cli.RunAsync(_node.BaseAddress, "instances", "orders");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = Lines(result.Out);
        Assert.Equal("ID", Words(lines[0])[0]);
        Assert.Equal(["o-1", "UP", "yes", "eu-1a", "http://10.0.0.5:8080", "100", "1.4.2"], Words(lines[1])[..7]);
        Assert.Contains("team=payments", lines[1], StringComparison.Ordinal);
        Assert.Equal(["o-2", "STARTING", "yes"], Words(lines[2])[..3]);
        Assert.Contains("50", Words(lines[2]));
    }

    [Fact]
    public async Task Instances_StatusFilterAndJson_ReturnsOnlyMatching()
    {
        var result = await Cli.RunAsync(_node.BaseAddress, "instances", "orders", "--status", "UP", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var answer = JsonSerializer.Deserialize(result.Out, BeaconJsonContext.Default.ServiceInstances)!;
        Assert.Equal("o-1", Assert.Single(answer.Instances).Id);
    }

    [Fact]
    public async Task Instances_UnknownService_ExitsOneWithTheProblemDetail()
    {
        var result = await Cli.RunAsync(_node.BaseAddress, "instances", "nothing");

        Assert.Equal(ExitCodes.ServerError, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Contains("Service 'nothing' has no registration in namespace 'default'", result.Error, StringComparison.Ordinal);
        Assert.Contains("404 service-not-found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Table_ShowsNodeCountsAndSelfPreservation()
    {
        var result = await Cli.RunAsync(_node.BaseAddress, "status");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("test-node", result.Out, StringComparison.Ordinal);
        Assert.Contains("3 in 2 services, 1 namespaces", result.Out, StringComparison.Ordinal);
        Assert.Contains("Self-preservation", result.Out, StringComparison.Ordinal);
        Assert.Contains("warming up", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_PrintsNodeStatus()
    {
        var result = await Cli.RunAsync(_node.BaseAddress, "status", "--json");

        var status = JsonSerializer.Deserialize(result.Out, BeaconJsonContext.Default.NodeStatus)!;
        Assert.Equal(("test-node", 3), (status.NodeId, status.Instances));
    }

    [Fact]
    public async Task Members_SingleNode_ListsItselfAndSaysSo()
    {
        var result = await Cli.RunAsync(_node.BaseAddress, "members");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = Lines(result.Out);
        Assert.Equal(["test-node", "(this", "node)"], Words(lines[1])[..3]);
        Assert.Contains("Single node", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_SingleNodeJson_IsOneSelfMemberThatIsUp()
    {
        var result = await Cli.RunAsync(_node.BaseAddress, "members", "--json");

        var member = Assert.Single(JsonSerializer.Deserialize(result.Out, BeaconJsonContext.Default.ClusterMembers)!.Members);
        Assert.Equal(("test-node", MemberState.Up, true), (member.NodeId, member.State, member.Self));
        Assert.Equal(_node.BaseAddress.ToString().TrimEnd('/'), member.Address);
    }

    [Fact]
    public async Task Namespace_Option_ReadsThatNamespace()
    {
        using var response = await _node.Client.PutAsync(BeaconRoutes.Instance("billing", "b-1") + "?namespace=staging",
            new StringContent("""{"addresses":["http://10.1.0.5:8080"]}""", System.Text.Encoding.UTF8, "application/json"));

        var result = await Cli.RunAsync(_node.BaseAddress, "services", "-n", "staging", "--json");

        var list = JsonSerializer.Deserialize(result.Out, BeaconJsonContext.Default.ServiceList)!;
        Assert.Equal(("staging", "billing"), (list.Namespace, Assert.Single(list.Services).Service));
    }

    internal static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static string[] Words(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
