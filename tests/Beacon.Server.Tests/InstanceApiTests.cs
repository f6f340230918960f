using System.Net;
using System.Net.Http.Json;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Server.Tests;

[Trait("Category", "Integration")]
public sealed class InstanceApiTests : IAsyncLifetime
{
    private BeaconTestNode _node = null!;

    private HttpClient Client => _node.Client;

    public async Task InitializeAsync() => _node = await BeaconTestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Register_New_Answers201WithStoredInstance()
    {
        using var response = await Client.RegisterAsync("orders", "o-1", """
            {"zone":"z1","addresses":["http://10.0.0.5:8080","grpc://10.0.0.5:9090"],"version":"1.2.0",
             "weight":50,"metadata":{"team":"payments"},"leaseSeconds":30}
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/v1/services/orders/instances/o-1", response.Headers.Location?.ToString());
        var info = (await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.InstanceInfo))!;
        Assert.Equal("z1", info.Zone);
        Assert.Equal(["http://10.0.0.5:8080", "grpc://10.0.0.5:9090"], info.Addresses);
        Assert.Equal(InstanceStatus.Up, info.Status);
        Assert.Equal(50, info.Weight);
        Assert.Equal("payments", info.Metadata["team"]);
        Assert.Equal(30, info.LeaseSeconds);
        Assert.Equal(10, info.HeartbeatSeconds);
        Assert.True(info.Revision > 0);
        Assert.Empty(response.Headers.Server); // no "Server: Kestrel" advertised
    }

    [Fact]
    public async Task Register_Again_Answers200AndIsIdempotent()
    {
        var first = await Client.RegisterOkAsync("orders", "o-1");
        using var again = await Client.RegisterAsync("orders", "o-1");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var info = (await again.Content.ReadFromJsonAsync(BeaconJsonContext.Default.InstanceInfo))!;
        Assert.Equal(first.Revision, info.Revision);
    }

    [Fact]
    public async Task GetInstance_KnownAndUnknown()
    {
        await Client.RegisterOkAsync("orders", "o-1");

        var info = await Client.GetFromJsonAsync(BeaconRoutes.Instance("orders", "o-1"), BeaconJsonContext.Default.InstanceInfo);
        Assert.Equal("o-1", info!.Id);

        using var missing = await Client.GetAsync(BeaconRoutes.Instance("orders", "nope"));
        Assert.Equal(ProblemTypes.InstanceNotFound, (await missing.ProblemAsync(404)).Type);
    }

    [Fact]
    public async Task Heartbeat_Known200_Unknown404InstanceNotFound()
    {
        await Client.RegisterOkAsync("orders", "o-1");

        using var ok = await Client.PostAsync(BeaconRoutes.Heartbeat("orders", "o-1"), null);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        using var missing = await Client.PostAsync(BeaconRoutes.Heartbeat("orders", "o-2"), null);
        var problem = await missing.ProblemAsync(404);
        Assert.Equal(ProblemTypes.InstanceNotFound, problem.Type);
        Assert.Contains("Register it again", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeat_WithStatus_ChangesReportedStatus()
    {
        await Client.RegisterOkAsync("orders", "o-1");

        using var response = await Client.PostAsync(BeaconRoutes.Heartbeat("orders", "o-1") + "?status=DOWN", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var all = await Client.GetServiceAsync("orders", "?status=all");
        Assert.Equal(InstanceStatus.Down, Assert.Single(all.Instances).Status);
        Assert.Empty((await Client.GetServiceAsync("orders")).Instances);
    }

    [Fact]
    public async Task Heartbeat_BadStatus_Is400()
    {
        await Client.RegisterOkAsync("orders", "o-1");
        using var response = await Client.PostAsync(BeaconRoutes.Heartbeat("orders", "o-1") + "?status=SLEEPY", null);
        Assert.Equal("status", (await response.ProblemAsync(400)).Field);
    }

    [Fact]
    public async Task BatchHeartbeat_RenewsAndListsUnknown()
    {
        await Client.RegisterOkAsync("orders", "o-1");
        await Client.RegisterOkAsync("orders", "o-2");

        using var response = await Client.PostAsync(BeaconRoutes.Heartbeats, Http.Json("""
            {"namespace":"default","instances":[{"service":"orders","id":"o-1"},{"service":"orders","id":"o-2"},{"service":"orders","id":"o-3"}]}
            """));

        var result = (await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.HeartbeatBatchResult))!;
        Assert.Equal(2, result.Renewed);
        Assert.Equal("o-3", Assert.Single(result.NotFound).Id);
    }

    [Fact]
    public async Task BatchHeartbeat_ItemWithoutId_Is400NamingIt()
    {
        using var response = await Client.PostAsync(BeaconRoutes.Heartbeats, Http.Json("""{"instances":[{"service":"orders","id":"a"},{"service":"orders"}]}"""));
        Assert.Equal("instances[1]", (await response.ProblemAsync(400)).Field);
    }

    [Fact]
    public async Task Patch_StatusOverrideWeightAndMetadata()
    {
        await Client.RegisterOkAsync("orders", "o-1", """{"addresses":["http://a:1"],"metadata":{"a":"1","b":"2"}}""");

        using var response = await Client.PatchAsync(BeaconRoutes.Instance("orders", "o-1"),
            Http.Json("""{"statusOverride":"OUT_OF_SERVICE","weight":7,"metadata":{"a":null,"c":"3"}}"""));
        var info = (await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.InstanceInfo))!;

        Assert.Equal(InstanceStatus.OutOfService, info.Status);
        Assert.Equal(InstanceStatus.Up, info.ReportedStatus);
        Assert.Equal(7, info.Weight);
        Assert.Equal(new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" }, info.Metadata);

        using var cleared = await Client.PatchAsync(BeaconRoutes.Instance("orders", "o-1"), Http.Json("""{"statusOverride":"NONE"}"""));
        var back = (await cleared.Content.ReadFromJsonAsync(BeaconJsonContext.Default.InstanceInfo))!;
        Assert.Equal(InstanceStatus.Up, back.Status);
        Assert.Null(back.StatusOverride);
    }

    [Fact]
    public async Task Patch_Unknown404_BadOverride400()
    {
        using var missing = await Client.PatchAsync(BeaconRoutes.Instance("orders", "x"), Http.Json("""{"weight":1}"""));
        await missing.ProblemAsync(404);

        await Client.RegisterOkAsync("orders", "o-1");
        using var bad = await Client.PatchAsync(BeaconRoutes.Instance("orders", "o-1"), Http.Json("""{"statusOverride":"MAYBE"}"""));
        Assert.Equal("statusOverride", (await bad.ProblemAsync(400)).Field);
    }

    [Fact]
    public async Task Deregister_204ThenGone404()
    {
        await Client.RegisterOkAsync("orders", "o-1");

        using var deleted = await Client.DeleteAsync(BeaconRoutes.Instance("orders", "o-1"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using var again = await Client.DeleteAsync(BeaconRoutes.Instance("orders", "o-1"));
        await again.ProblemAsync(404);
        Assert.Empty((await Client.GetServiceAsync("orders", "?status=all")).Instances);
    }

    [Fact]
    public async Task Namespaces_IsolateInstances()
    {
        await Client.RegisterOkAsync("orders", "o-1", ns: "prod");
        await Client.RegisterOkAsync("orders", "o-2", ns: "test");

        Assert.Equal("o-1", Assert.Single((await Client.GetServiceAsync("orders", "?namespace=prod")).Instances).Id);
        Assert.Equal("o-2", Assert.Single((await Client.GetServiceAsync("orders", "?namespace=test")).Instances).Id);
        using var none = await Client.GetAsync(BeaconRoutes.Service("orders"));
        Assert.Equal(ProblemTypes.ServiceNotFound, (await none.ProblemAsync(404)).Type);
    }
}
