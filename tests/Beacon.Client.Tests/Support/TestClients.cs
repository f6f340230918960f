using Beacon.TestKit;

namespace Beacon.Client.Tests.Support;

/// <summary>Clients with intervals short enough for tests (heartbeat 200 ms, watch stream idle 5 s, fast backoff).</summary>
public static class TestClients
{
    public static BeaconClientBuilder Builder(string cacheDirectory, params BeaconTestNode[] nodes) =>
        Builder(cacheDirectory, nodes.Select(n => n.BaseAddress.ToString()).ToArray());

    public static BeaconClientBuilder Builder(string cacheDirectory, params string[] nodes) =>
        new BeaconClientBuilder()
            .WithNodes(nodes)
            .Configure(o =>
            {
                o.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
                o.WatchIdleTimeout = TimeSpan.FromSeconds(5);
                // Generous: the machine may be busy; dead nodes refuse at once anyway.
                o.RequestTimeout = TimeSpan.FromSeconds(10);
                o.ConnectTimeout = TimeSpan.FromSeconds(1);
                o.RetryBackoff = TimeSpan.FromMilliseconds(50);
                o.MaxRetryBackoff = TimeSpan.FromMilliseconds(300);
                o.MemberRefreshInterval = TimeSpan.FromMilliseconds(300);
                o.DiskCacheDirectory = cacheDirectory;
            });

    public static BeaconClient Create(string cacheDirectory, params BeaconTestNode[] nodes) => Builder(cacheDirectory, nodes).Build();

    public static BeaconClient Create(string cacheDirectory, params string[] nodes) => Builder(cacheDirectory, nodes).Build();

    public static BeaconRegistration Instance(string service, string id, string address = "http://127.0.0.1:9", int? weight = null, string? zone = null) =>
        new() { Service = service, Id = id, Addresses = [address], Weight = weight, Zone = zone };
}
