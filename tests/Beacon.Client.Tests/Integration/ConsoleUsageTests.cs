using Beacon.Client.Tests.Support;
using Beacon.Contracts;
using Beacon.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Beacon.Client.Tests.Integration;

/// <summary>The console example of docs/client.md, as written there, against a real node.</summary>
[Trait("Category", "Integration")]
public sealed class ConsoleUsageTests : NodeTestBase
{
    [Fact]
    public async Task DocExample_RegisterResolvePickWatchDeregister_Works()
    {
        await Registry.RegisterAsync(Node, "orders", "o-1", zone: "eu-1a", @namespace: "prod");
        var loggerFactory = NullLoggerFactory.Instance;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var cancellationToken = stop.Token;
        var node = Node.BaseAddress.GetLeftPart(UriPartial.Authority)["http://".Length..];
        var versions = 0;

        // From docs/client.md, "Console apps and anything else" (only the node address and the cache folder differ).
        await using var client = new BeaconClientBuilder($"nodes={node};namespace=prod;zone=eu-1a;diskCacheDirectory={Cache.Path}")
            .WithLoggerFactory(loggerFactory)
            .Build();

        await client.RegisterAsync(new BeaconRegistration
        {
            Service = "billing",
            Id = "billing-1",
            Addresses = ["http://10.0.0.7:8080"],
            Weight = 100,
        });

        ServiceView orders = await client.ResolveAsync("orders");
        InstanceInfo instance = orders.Pick();
        client.ReportFailure(instance);

        await foreach (var version in client.WatchAsync("orders", cancellationToken))
        {
            Console.WriteLine($"orders: {version.Available.Count} available of {version.Instances.Count}");
            versions++;
            break;
        }

        await client.SetStatusAsync("billing", "billing-1", InstanceStatus.Down);
        await client.DeregisterAsync("billing", "billing-1");

        Assert.Equal("o-1", instance.Id);
        Assert.Equal(1, versions);
        Assert.Null(Node.Registry.FindInstance("prod", "billing", "billing-1"));
    }
}
