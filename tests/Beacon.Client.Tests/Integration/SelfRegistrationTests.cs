using Beacon.Client.AspNetCore;
using Beacon.Client.Tests.Support;
using Beacon.Contracts;
using Beacon.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Client.Tests.Integration;

/// <summary>An ASP.NET Core app with <c>AddBeacon</c> registers itself, and leaves cleanly.</summary>
[Trait("Category", "Integration")]
public sealed class SelfRegistrationTests : NodeTestBase
{
    [Fact]
    public async Task App_Started_RegistersItsBoundAddress()
    {
        await using var app = await StartAppAsync();
        var bound = app.Address;

        await Eventually.TrueAsync(() => Node.Registry.FindInstance("default", "web", "web-1") is not null, "the app registered");
        var instance = Node.Registry.FindInstance("default", "web", "web-1")!;
        Assert.Equal([bound], instance.Addresses.ToArray());
        Assert.Equal("1.2.3", instance.Version);
        Assert.Equal("blue", instance.Metadata["color"]);
    }

    [Fact]
    public async Task App_Stopping_ReportsDownThenDeregisters()
    {
        await using var app = await StartAppAsync(drainDelay: "00:00:00.300");
        await Eventually.TrueAsync(() => Node.Registry.FindInstance("default", "web", "web-1") is not null, "the app registered");
        await using var watcher = TestClients.Create(Cache.Path, Node);
        var seen = new List<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watching = Task.Run(async () =>
        {
            await foreach (var view in watcher.WatchAsync("web", stop.Token))
            {
                seen.Add(view.Instances.Count == 0 ? "gone" : view.Instances[0].Status.ToString());
                if (view.Instances.Count == 0)
                {
                    return;
                }
            }
        });
        await Eventually.TrueAsync(() => seen.Count > 0, "the watcher has a first view");

        await app.StopAsync();
        await watching;

        Assert.Equal(["Up", "Down", "gone"], seen);
    }

    [Fact]
    public async Task App_NoRegistryYet_RegistersWhenOneAnswers()
    {
        var address = Node.BaseAddress;
        await Node.DisposeAsync();

        await using var app = await StartAppAsync(nodes: address.ToString());
        Node = await Nodes.StartOnAsync(address);

        await Eventually.TrueAsync(() => Node.Registry.FindInstance("default", "web", "web-1") is not null, "the app registered late");
    }

    [Fact]
    public void AddBeacon_Configuration_BindsClientAndRegistrationOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Beacon:ConnectionString"] = "nodes=x:1;zone=z9;token=t",
            ["Beacon:Nodes"] = "a:1, b:2",
            ["Beacon:Namespace"] = "prod",
            ["Beacon:HeartbeatInterval"] = "00:00:05",
            ["Beacon:Registration:Service"] = "orders",
            ["Beacon:Registration:Weight"] = "50",
        }).Build();
        var services = new ServiceCollection().AddBeacon(configuration.GetSection("Beacon")).BuildServiceProvider();

        var client = services.GetRequiredService<IOptions<BeaconClientOptions>>().Value;
        var registration = services.GetRequiredService<IOptions<BeaconRegistrationOptions>>().Value;

        Assert.Equal(["a:1", "b:2"], client.Nodes);
        Assert.Equal("prod", client.Namespace);
        Assert.Equal("z9", client.Zone);
        Assert.Equal("t", client.Token);
        Assert.Equal(TimeSpan.FromSeconds(5), client.HeartbeatInterval);
        Assert.Equal("orders", registration.Service);
        Assert.Equal(50, registration.Weight);
    }

    [Fact]
    public void AddBeacon_ConnectionString_BindsClientOptions()
    {
        var services = new ServiceCollection().AddBeacon("nodes=a:1;namespace=prod").BuildServiceProvider();

        var client = services.GetRequiredService<IOptions<BeaconClientOptions>>().Value;

        Assert.Equal(["a:1"], client.Nodes);
        Assert.Equal("prod", client.Namespace);
    }

    private async Task<RunningApp> StartAppAsync(string? nodes = null, string drainDelay = "00:00:00")
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Beacon:Nodes"] = nodes ?? Node.BaseAddress.ToString(),
            ["Beacon:HeartbeatInterval"] = "00:00:00.200",
            ["Beacon:RetryBackoff"] = "00:00:00.050",
            ["Beacon:MaxRetryBackoff"] = "00:00:00.200",
            ["Beacon:DiskCacheDirectory"] = Cache.Path,
            ["Beacon:Registration:Service"] = "web",
            ["Beacon:Registration:InstanceId"] = "web-1",
            ["Beacon:Registration:Version"] = "1.2.3",
            ["Beacon:Registration:Metadata:color"] = "blue",
            ["Beacon:Registration:DrainDelay"] = drainDelay,
        });
        builder.Services.AddBeacon(builder.Configuration.GetSection("Beacon"));
        var app = builder.Build();
        app.MapGet("/", () => "web");
        return await RunningApp.StartAsync(app);
    }
}
