using System.Net;
using System.Net.Http.Json;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Server.Tests;

[Trait("Category", "Integration")]
public sealed class DiscoveryApiTests : IAsyncLifetime
{
    private BeaconTestNode _node = null!;

    private HttpClient Client => _node.Client;

    public async Task InitializeAsync()
    {
        _node = await BeaconTestNode.StartAsync();
        await Client.RegisterOkAsync("orders", "a", """{"zone":"z1","addresses":["http://a:1"]}""");
        await Client.RegisterOkAsync("orders", "b", """{"zone":"z2","addresses":["http://b:1"]}""");
        await Client.RegisterOkAsync("orders", "c", """{"zone":"z1","addresses":["http://c:1"],"status":"STARTING"}""");
        await Client.RegisterOkAsync("orders", "d", """{"zone":"z1","addresses":["http://d:1"],"healthy":false}""");
        await Client.RegisterOkAsync("payments", "p", """{"addresses":["http://p:1"]}""");
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private async Task<string[]> IdsAsync(string query) =>
        (await Client.GetServiceAsync("orders", query)).Instances.Select(i => i.Id).ToArray();

    [Fact]
    public async Task Get_Default_OnlyUpAndHealthy()
    {
        using var response = await Client.GetAsync(BeaconRoutes.Service("orders"));
        var body = (await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.ServiceInstances))!;

        Assert.Equal(["a", "b"], body.Instances.Select(i => i.Id));
        Assert.Equal(body.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            response.Headers.GetValues(BeaconHeaders.Revision).Single());
        Assert.Equal("orders", body.Service);
    }

    [Theory]
    [InlineData("?status=all&healthy=any", new[] { "a", "b", "c", "d" })]
    [InlineData("?status=STARTING", new[] { "c" })]
    [InlineData("?status=UP,STARTING", new[] { "a", "b", "c" })]
    [InlineData("?healthy=false", new[] { "d" })]
    [InlineData("?healthy=any", new[] { "a", "b", "d" })]
    [InlineData("?zone=z1", new[] { "a" })]
    [InlineData("?zone=z1&status=all&healthy=any", new[] { "a", "c", "d" })]
    [InlineData("?zone=z9", new string[0])]
    public async Task Get_Filters(string query, string[] expected) =>
        Assert.Equal(expected, await IdsAsync(query));

    [Fact]
    public async Task Get_RepeatedReads_ServeFreshDataAfterAChange()
    {
        Assert.Equal(["a", "b"], await IdsAsync(""));
        await Client.RegisterOkAsync("orders", "e", """{"addresses":["http://e:1"]}""");
        Assert.Equal(["a", "b", "e"], await IdsAsync(""));
    }

    [Fact]
    public async Task List_ServicesWithCounts()
    {
        var list = (await Client.GetFromJsonAsync(BeaconRoutes.Services, BeaconJsonContext.Default.ServiceList))!;

        Assert.Equal(["orders", "payments"], list.Services.Select(s => s.Service));
        var orders = list.Services[0];
        Assert.Equal(4, orders.Instances);
        Assert.Equal(2, orders.Up);
        Assert.True(list.Revision >= orders.Revision);
    }

    [Fact]
    public async Task List_UnknownNamespace404_DefaultAlwaysExists()
    {
        using var unknown = await Client.GetAsync(BeaconRoutes.Services + "?namespace=nowhere");
        Assert.Equal(ProblemTypes.NamespaceNotFound, (await unknown.ProblemAsync(404)).Type);

        await using var fresh = await BeaconTestNode.StartAsync();
        using var empty = await fresh.Client.GetAsync(BeaconRoutes.Services);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
    }

    [Fact]
    public async Task Status_ReportsCountsAndSelfPreservation()
    {
        var status = (await Client.GetFromJsonAsync(BeaconRoutes.Status, BeaconJsonContext.Default.NodeStatus))!;

        Assert.Equal("test-node", status.NodeId);
        Assert.True(status.Ready);
        Assert.Equal(5, status.Instances);
        Assert.Equal(2, status.Services);
        Assert.Equal(1, status.Namespaces);
        Assert.True(status.SelfPreservation.Enabled);
        Assert.True(status.SelfPreservation.WarmingUp);
        Assert.Equal(10, status.SelfPreservation.ExpectedRenewalsPerMinute);
        Assert.Equal(0.85, status.SelfPreservation.Threshold);
    }

    [Fact]
    public async Task Probes_Answer()
    {
        Assert.Equal("ok", await Client.GetStringAsync(BeaconRoutes.Healthz));
        Assert.Equal("ready", await Client.GetStringAsync(BeaconRoutes.Readyz));
    }
}
