using Beacon.Client.Tests.Support;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.ServiceDiscovery;

namespace Beacon.Client.Tests.Integration;

/// <summary><c>http://orders</c> in an HttpClient, resolved through Beacon by Microsoft.Extensions.ServiceDiscovery.</summary>
[Trait("Category", "Integration")]
public sealed class ServiceDiscoveryTests : NodeTestBase
{
    [Fact]
    public async Task HttpClient_ServiceName_CallsARegisteredInstance()
    {
        await using var orders = await EchoApp.StartAsync("orders-1");
        await Registry.RegisterAsync(Node, "orders", "orders-1", orders.Address);
        await using var services = Services();

        var answer = await Orders(services).GetStringAsync(new Uri("/list", UriKind.Relative));

        Assert.Equal("orders-1:/list", answer);
    }

    [Fact]
    public async Task HttpClient_InstanceReplaced_FollowsTheRegistry()
    {
        await using var first = await EchoApp.StartAsync("first");
        await using var second = await EchoApp.StartAsync("second");
        await Registry.RegisterAsync(Node, "orders", "first", first.Address);
        await using var services = Services();
        var orders = Orders(services);
        Assert.Equal("first:/", await orders.GetStringAsync(new Uri("/", UriKind.Relative)));

        await Registry.RegisterAsync(Node, "orders", "second", second.Address);
        await Registry.DeregisterAsync(Node, "orders", "first");

        // The provider's change token fires on the new version: no polling period to wait out.
        await Eventually.TrueAsync(async () => await orders.GetStringAsync(new Uri("/", UriKind.Relative)) == "second:/",
            "requests go to the new instance");
    }

    [Fact]
    public async Task HttpClient_Weights_SpreadCallsInProportion()
    {
        await using var heavy = await EchoApp.StartAsync("heavy");
        await using var light = await EchoApp.StartAsync("light");
        await Registry.RegisterAsync(Node, "orders", "heavy", heavy.Address, weight: 300);
        await Registry.RegisterAsync(Node, "orders", "light", light.Address, weight: 100);
        await using var services = Services();
        var orders = Orders(services);

        var answers = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            answers.Add(await orders.GetStringAsync(new Uri("/", UriKind.Relative)));
        }

        Assert.Equal(30, answers.Count(a => a == "heavy:/"));
        Assert.Equal(10, answers.Count(a => a == "light:/"));
    }

    [Fact]
    public async Task Resolver_Endpoints_ComeFromBeacon()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1", "http://127.0.0.1:5555");
        await using var services = Services();

        var resolver = services.GetRequiredService<ServiceEndpointResolver>();
        var endpoints = await resolver.GetEndpointsAsync("http://orders", CancellationToken.None);

        var endpoint = Assert.Single(endpoints.Endpoints);
        Assert.Equal(new Uri("http://127.0.0.1:5555"), Assert.IsType<UriEndPoint>(endpoint.EndPoint).Uri);
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBeacon(o =>
        {
            o.Nodes.Add(Node.BaseAddress.ToString());
            o.DiskCacheDirectory = Cache.Path;
        });
        services.AddHttpClient("orders", c => c.BaseAddress = new("http://orders")).AddServiceDiscovery();
        return services.BuildServiceProvider();
    }

    private static HttpClient Orders(IServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient("orders");
}
