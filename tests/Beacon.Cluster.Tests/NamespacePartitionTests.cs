using System.Text.Json;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Cluster.Tests;

/// <summary>
/// Partitions for real: three node processes inside a private network namespace, each on its own
/// loopback address, links cut with nft. Every request goes from inside the namespace (curl).
/// </summary>
[Trait("Category", "Cluster")]
public sealed class NamespacePartitionTests
{
    private static readonly string[] Addresses = ["127.0.0.11", "127.0.0.12", "127.0.0.13"];

    [NamespaceFact]
    public async Task Cut_BothSidesServe_NoMassEviction_ConvergeAfterHeal()
    {
        using var ns = NetworkNamespace.Create();
        var ids = Addresses.Select(a => $"{a}:7171").ToArray();
        var settings = TestCluster.FastSettings([]);
        settings["Beacon:Cluster:Nodes"] = string.Join(",", ids);
        var nodes = ids.Select(id => BeaconProcess.Start(id, settings, ns.Name)).ToList();
        try
        {
            string Url(int node, string path) => $"http://{ids[node]}{path}";
            foreach (var (node, i) in nodes.Select((n, i) => (n, i)))
            {
                await Eventually.TrueAsync(async () =>
                {
                    Assert.False(node.Exited, node.Output);
                    return (await ns.HttpAsync("GET", Url(i, BeaconRoutes.Readyz))).Status == 200;
                }, $"node {ids[i]} ready", TimeSpan.FromSeconds(30));
            }

            // 12 instances with 5 s leases: evens heartbeat at node 1, odds at node 3.
            const int count = 12;
            for (var i = 0; i < count; i++)
            {
                var (status, body) = await ns.HttpAsync("PUT", Url(i % 2 == 0 ? 0 : 2, BeaconRoutes.Instance("app", $"a-{i}")),
                    """{"addresses":["http://10.0.0.5:8080"],"leaseSeconds":5,"heartbeatSeconds":1}""");
                Assert.True(status is 200 or 201, body);
            }

            async Task HeartbeatAsync()
            {
                foreach (var (node, parity) in new[] { (0, 0), (2, 1) })
                {
                    var batch = string.Join(",", Enumerable.Range(0, count).Where(i => i % 2 == parity).Select(i => $$"""{"service":"app","id":"a-{{i}}"}"""));
                    var (status, body) = await ns.HttpAsync("POST", Url(node, BeaconRoutes.Heartbeats), $$"""{"instances":[{{batch}}]}""");
                    Assert.Equal(200, status);
                    Assert.True(body.Contains("\"notFound\":[]", StringComparison.Ordinal),
                        $"node {ids[node]} lost instances: {body}\n{string.Join("\n---\n", nodes.Select(x => x.Output))}");
                }
            }

            async Task<int> CountAsync(int node, string service)
            {
                var (status, body) = await ns.HttpAsync("GET", Url(node, BeaconRoutes.Service(service)));
                return status == 200 ? JsonSerializer.Deserialize(body, BeaconJsonContext.Default.ServiceInstances)!.Instances.Count : 0;
            }

            await HeartbeatAsync();
            await Eventually.TrueAsync(async () => (await Task.WhenAll(Enumerable.Range(0, 3).Select(n => CountAsync(n, "app")))).All(c => c == count),
                "every node holds all 12");

            ns.Cut(Addresses[2], Addresses[0], Addresses[1]);

            var end = DateTime.UtcNow.AddSeconds(10); // two leases
            var wrote = false;
            while (DateTime.UtcNow < end)
            {
                await HeartbeatAsync();
                if (!wrote)
                {
                    Assert.Equal(201, (await ns.HttpAsync("PUT", Url(0, BeaconRoutes.Instance("during-cut", "on-1")), """{"addresses":["http://10.0.0.7:80"]}""")).Status);
                    Assert.Equal(201, (await ns.HttpAsync("PUT", Url(2, BeaconRoutes.Instance("during-cut", "on-3")), """{"addresses":["http://10.0.0.8:80"]}""")).Status);
                    wrote = true;
                }

                await Task.Delay(500);
            }

            for (var n = 0; n < 3; n++)
            {
                var held = await CountAsync(n, "app");
                Assert.True(held == count, $"node {ids[n]} holds {held} of {count} instances after the cut:\n{string.Join("\n---\n", nodes.Select(x => x.Output))}");
            }

            Assert.Equal(1, await CountAsync(2, "during-cut"));
            ns.Heal();

            await Eventually.TrueAsync(async () => (await Task.WhenAll(Enumerable.Range(0, 3).Select(n => CountAsync(n, "during-cut")))).All(c => c == 2),
                "both sides' writes everywhere after the heal", TimeSpan.FromSeconds(20));
            for (var n = 0; n < 3; n++)
            {
                var held = await CountAsync(n, "app");
                Assert.True(held == count, $"node {ids[n]} holds {held} of {count} instances after the heal:\n{string.Join("\n---\n", nodes.Select(x => x.Output))}");
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }
}
