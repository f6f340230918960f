using System.Net;
using System.Net.Http.Json;
using Beacon.Client.Tests.Support;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Client.Tests.Integration;

[Trait("Category", "Integration")]
public sealed class RegistrationLifecycleTests : NodeTestBase
{
    [Fact]
    public async Task RegisterAsync_NewInstance_StoredWithClientLeaseAndHeartbeat()
    {
        await using var client = TestClients.Create(Cache.Path, Node);

        var stored = await client.RegisterAsync(TestClients.Instance("orders", "o-1", weight: 50));

        Assert.Equal("o-1", stored.Id);
        Assert.Equal(50, stored.Weight);
        Assert.Equal(90, stored.LeaseSeconds);
        Assert.Equal(1, stored.HeartbeatSeconds);
        Assert.Single(client.Registrations);
    }

    [Fact]
    public async Task Heartbeats_EveryInterval_RenewTheLease()
    {
        await using var client = TestClients.Create(Cache.Path, Node);
        var registered = await client.RegisterAsync(TestClients.Instance("orders", "o-1"));

        await Eventually.TrueAsync(async () => (await ReadAsync("orders", "o-1"))?.LastRenewedAt > registered.LastRenewedAt,
            "a heartbeat renewed the lease");
    }

    [Fact]
    public async Task Heartbeat_RegistryForgotInstance_RegistersItAgain()
    {
        await using var client = TestClients.Create(Cache.Path, Node);
        await client.RegisterAsync(TestClients.Instance("orders", "o-1"));

        // As if evicted: the registry no longer knows it, the process still runs.
        using var deleted = await Node.Client.DeleteAsync(BeaconRoutes.Instance("orders", "o-1"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        await Eventually.TrueAsync(async () => await ReadAsync("orders", "o-1") is not null, "the instance is registered again");
    }

    [Fact]
    public async Task Heartbeat_RegistryRestartedEmpty_RegistersEveryInstanceAgain()
    {
        await using var client = TestClients.Create(Cache.Path, Node);
        await client.RegisterAsync(TestClients.Instance("orders", "o-1"));
        await client.RegisterAsync(TestClients.Instance("payments", "p-1"));
        var address = Node.BaseAddress;

        await Node.DisposeAsync();
        Node = await Nodes.StartOnAsync(address);

        await Eventually.TrueAsync(async () => await ReadAsync("orders", "o-1") is not null && await ReadAsync("payments", "p-1") is not null,
            "both instances are registered on the restarted node");
    }

    [Fact]
    public async Task SetStatusAsync_Down_KeptAcrossReRegistration()
    {
        await using var client = TestClients.Create(Cache.Path, Node);
        await client.RegisterAsync(TestClients.Instance("orders", "o-1"));

        var down = await client.SetStatusAsync("orders", "o-1", InstanceStatus.Down);
        using var deleted = await Node.Client.DeleteAsync(BeaconRoutes.Instance("orders", "o-1"));

        Assert.Equal(InstanceStatus.Down, down.Status);
        await Eventually.TrueAsync(async () => (await ReadAsync("orders", "o-1"))?.Status == InstanceStatus.Down,
            "re-registered as DOWN, not UP");
    }

    [Fact]
    public async Task DeregisterAsync_Registered_RemovedAndNotRenewedAgain()
    {
        await using var client = TestClients.Create(Cache.Path, Node);
        await client.RegisterAsync(TestClients.Instance("orders", "o-1"));

        Assert.True(await client.DeregisterAsync("orders", "o-1"));
        Assert.False(await client.DeregisterAsync("orders", "o-1"));

        Assert.Null(await ReadAsync("orders", "o-1"));
        Assert.Empty(client.Registrations);
    }

    [Fact]
    public async Task DisposeAsync_OwnedInstances_Deregistered()
    {
        var client = TestClients.Create(Cache.Path, Node);
        await client.RegisterAsync(TestClients.Instance("orders", "o-1"));

        await client.DisposeAsync();

        Assert.Null(await ReadAsync("orders", "o-1"));
    }

    [Fact]
    public async Task RegisterAsync_InvalidWeight_ThrowsInvalidArgumentNamingTheField()
    {
        await using var client = TestClients.Create(Cache.Path, Node);

        var error = await Assert.ThrowsAsync<BeaconInvalidArgumentException>(
            () => client.RegisterAsync(TestClients.Instance("orders", "o-1", weight: -1)));

        Assert.Equal("weight", error.Field);
        Assert.Equal(ProblemTypes.InvalidArgument, error.ProblemType);
        Assert.Equal(400, error.StatusCode);
        Assert.Empty(client.Registrations);
    }

    [Fact]
    public async Task SetStatusAsync_UnknownInstance_ThrowsNotFound()
    {
        await using var client = TestClients.Create(Cache.Path, Node);

        var error = await Assert.ThrowsAsync<BeaconNotFoundException>(
            () => client.SetStatusAsync("orders", "nobody", InstanceStatus.Down));

        Assert.Equal(ProblemTypes.InstanceNotFound, error.ProblemType);
    }

    private async Task<InstanceInfo?> ReadAsync(string service, string id)
    {
        using var response = await Node.Client.GetAsync(BeaconRoutes.Instance(service, id));
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.InstanceInfo);
    }
}
