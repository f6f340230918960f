using System.Net;
using System.Net.Http.Json;
using System.Text;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Cluster.Tests;

/// <summary>Real processes: the seed article's self-test, and kill -9 under load.</summary>
[Trait("Category", "Cluster")]
public sealed class ProcessTests
{
    private static Dictionary<string, string?> Settings(IEnumerable<int> ports) =>
        TestCluster.FastSettings(ports);

    private static async Task WaitReadyAsync(HttpClient client, BeaconProcess node) =>
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return (await client.GetAsync(BeaconRoutes.Readyz)).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                Assert.False(node.Exited, node.Output);
                return false;
            }
        }, $"node {node.NodeId} ready", TimeSpan.FromSeconds(30));

    private static async Task<string[]> BeaconMembersAsync(HttpClient client)
    {
        var body = await client.GetFromJsonAsync(BeaconRoutes.Service("beacon") + "?namespace=system", BeaconJsonContext.Default.ServiceInstances);
        return [.. body!.Instances.Select(i => i.Id).Order()];
    }

    [Fact]
    public async Task SeedScenario_StartOneTwoThree_KillThree_ItIsDeregisteredFromOneAndTwo()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => Ports.Free()).ToArray();
        var ids = ports.Select(TestCluster.NodeId).ToArray();
        var settings = Settings(ports);
        var nodes = new List<BeaconProcess>();
        var clients = ports.Select(p => new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{p}") }).ToArray();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(BeaconProcess.Start(ids[i], settings));
                await WaitReadyAsync(clients[i], nodes[i]);
            }

            foreach (var client in clients)
            {
                await Eventually.TrueAsync(async () => (await BeaconMembersAsync(client)).SequenceEqual(ids.Order()), "all three in service beacon");
            }

            nodes[2].Kill();

            foreach (var client in clients.Take(2))
            {
                await Eventually.TrueAsync(async () => (await BeaconMembersAsync(client)).SequenceEqual(ids.Take(2).Order()),
                    "node 3 deregistered (its lease ran out)", TimeSpan.FromSeconds(20));
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task KillMinusNine_UnderLoad_LosesNoRegistration()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => Ports.Free()).ToArray();
        var ids = ports.Select(TestCluster.NodeId).ToArray();
        var settings = Settings(ports);
        settings["Beacon:Registry:SelfPreservation:Enabled"] = "false";
        var nodes = new List<BeaconProcess>();
        var clients = ports.Select(p => new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{p}"), Timeout = TimeSpan.FromSeconds(2) }).ToArray();
        using var stop = new CancellationTokenSource();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(BeaconProcess.Start(ids[i], settings));
                await WaitReadyAsync(clients[i], nodes[i]);
            }

            // 60 instances, each a client that registers at "its" node, heartbeats every 500 ms
            // (lease 3 s), and on failure moves to the next node, registering again on a 404.
            const int count = 60;
            var registered = new bool[count];
            var workers = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
            {
                var node = i % 3;
                var body = new StringContent("""{"addresses":["http://10.0.0.5:8080"],"leaseSeconds":3,"heartbeatSeconds":1}""", Encoding.UTF8, "application/json");
                var needRegister = true;
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        using var response = needRegister
                            ? await clients[node].PutAsync(BeaconRoutes.Instance("load", $"i-{i}"), body, stop.Token)
                            : await clients[node].PostAsync(BeaconRoutes.Heartbeat("load", $"i-{i}"), null, stop.Token);
                        needRegister = response.StatusCode == HttpStatusCode.NotFound;
                        registered[i] |= response.IsSuccessStatusCode;
                        if (!response.IsSuccessStatusCode && !needRegister)
                        {
                            node = (node + 1) % 3;
                        }
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        break; // the test is over; a request cut short by it is not a failure
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        node = (node + 1) % 3; // fail over
                        needRegister = true;
                    }

                    try
                    {
                        await Task.Delay(500, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            })).ToArray();

            await Eventually.TrueAsync(() => registered.All(r => r), "every instance registered once");
            await Eventually.TrueAsync(async () => (await clients[0].GetServiceAsync("load")).Instances.Count == count, "node 1 holds all 60");

            nodes[2].Kill();

            // After the clients of node 3 fail over, both survivors hold every instance, for good.
            foreach (var client in clients.Take(2))
            {
                await Eventually.TrueAsync(async () => (await client.GetServiceAsync("load")).Instances.Count == count,
                    "a survivor holds all 60", TimeSpan.FromSeconds(20));
            }

            var stableUntil = DateTime.UtcNow.AddSeconds(4); // longer than the lease: nothing may go missing
            while (DateTime.UtcNow < stableUntil)
            {
                foreach (var client in clients.Take(2))
                {
                    Assert.Equal(count, (await client.GetServiceAsync("load")).Instances.Count);
                }

                await Task.Delay(250);
            }

            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }
}
