using Beacon.Contracts;
using Beacon.Server.Metrics;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Server.Tests.Metrics;

/// <summary><c>GET /metrics</c>: the registry, the API's waiters and the cluster's instruments, in Prometheus text.</summary>
[Trait("Category", "Integration")]
public sealed class MetricsTests : IAsyncLifetime
{
    private BeaconTestNode _node = null!;

    private HttpClient Client => _node.Client;

    public async Task InitializeAsync() => _node = await BeaconTestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Metrics_AfterRegistrationsAndHeartbeats_ReportsRegistryState()
    {
        await Client.RegisterOkAsync("orders", "o-1");
        await Client.RegisterOkAsync("orders", "o-2", """{"addresses":["http://a:1"],"status":"STARTING"}""");
        await Client.RegisterOkAsync("billing", "b-1", ns: "staging");
        using var beat = await Client.PostAsync(BeaconRoutes.Heartbeat("orders", "o-1"), null);

        var metrics = await PrometheusText.ScrapeAsync(Client);

        Assert.Equal(2, metrics.Value("beacon_registry_instances", ("namespace", "default")));
        Assert.Equal(1, metrics.Value("beacon_registry_instances_passing", ("namespace", "default")));
        Assert.Equal(1, metrics.Value("beacon_registry_instances", ("namespace", "staging")));
        Assert.Equal(1, metrics.Value("beacon_registry_services", ("namespace", "default")));
        Assert.Equal(1, metrics.Value("beacon_registry_renewals_total"));
        Assert.Equal(3, metrics.Value("beacon_registry_changes_total"));
        Assert.Equal(0, metrics.Value("beacon_registry_evictions_total"));
    }

    [Fact]
    public async Task Metrics_SelfPreservation_ReportsStateAndRenewalRates()
    {
        await Client.RegisterOkAsync("orders", "o-1", """{"addresses":["http://a:1"],"heartbeatSeconds":30}""");

        var metrics = await PrometheusText.ScrapeAsync(Client);

        Assert.Equal(0, metrics.Value("beacon_self_preservation_active"));
        Assert.Equal(1, metrics.Value("beacon_self_preservation_warming_up"));
        Assert.Equal(2, metrics.Value("beacon_self_preservation_expected_renewals_per_minute"));
        Assert.NotNull(metrics.Value("beacon_self_preservation_actual_renewals_per_minute"));
        Assert.Equal(0.85, metrics.Value("beacon_self_preservation_threshold"));
    }

    [Fact]
    public async Task Metrics_OpenLongPollAndWatch_AreCountedWhileTheyWait()
    {
        var revision = (await Client.RegisterOkAsync("orders", "o-1")).Revision;
        using var stop = new CancellationTokenSource();
        var poll = Client.GetAsync($"{BeaconRoutes.Service("orders")}?index={revision}&wait=30s", stop.Token);
        var changes = Client.GetAsync($"{BeaconRoutes.Changes}?since={revision}&wait=30s", stop.Token);
        using var watch = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, BeaconRoutes.Watch + "?services=orders"),
            HttpCompletionOption.ResponseHeadersRead, stop.Token);

        await Eventually.TrueAsync(async () =>
        {
            var m = await PrometheusText.ScrapeAsync(Client);
            return m.Value("beacon_api_long_polls", ("endpoint", "services")) == 1
                && m.Value("beacon_api_long_polls", ("endpoint", "changes")) == 1
                && m.Value("beacon_api_watch_streams") == 1;
        }, "one long poll of each kind and one watch stream are counted");

        await Client.RegisterOkAsync("orders", "o-2"); // answers both long polls
        (await poll).Dispose();
        (await changes).Dispose();
        await Eventually.TrueAsync(async () =>
        {
            var m = await PrometheusText.ScrapeAsync(Client);
            return m.Value("beacon_api_long_polls", ("endpoint", "services")) == 0 && m.Value("beacon_api_long_polls", ("endpoint", "changes")) == 0;
        }, "answered long polls are no longer counted");
        await stop.CancelAsync();
    }

    [Fact]
    public async Task Metrics_RequestDuration_IsByRouteAndMarksBlockingReads()
    {
        var revision = (await Client.RegisterOkAsync("orders", "o-1")).Revision;
        (await Client.GetAsync(BeaconRoutes.Service("orders"))).Dispose();
        (await Client.GetAsync($"{BeaconRoutes.Service("orders")}?index={revision}&wait=50ms")).Dispose();

        await Eventually.TrueAsync(async () =>
        {
            var m = await PrometheusText.ScrapeAsync(Client);
            return m.Value("http_server_request_duration_seconds_count", ("http_route", "/v1/services/{service}"), ("http_response_status_code", "200")) >= 1
                && m.Value("http_server_request_duration_seconds_count", ("http_route", "/v1/services/{service}"), (BeaconMetrics.BlockingTag.Replace('.', '_'), "true")) == 1;
        }, "plain and blocking reads of the route are both recorded, the blocking one tagged");
    }

    [Fact]
    public async Task Metrics_ClusterInstruments_AppearOnceTheClusterFeedsThem()
    {
        var before = await PrometheusText.ScrapeAsync(Client);
        Assert.False(before.Has("beacon_replication_backlog"));
        Assert.False(before.Has("beacon_cluster_members"));

        var metrics = _node.Services.GetRequiredService<BeaconMetrics>();
        metrics.SetReplicationBacklog("127.0.0.1:8882", 42);
        metrics.Replicated("127.0.0.1:8882", 5);
        metrics.ReplicationFailed("127.0.0.1:8882", "timeout");
        metrics.RecordReplicationLag("127.0.0.1:8882", TimeSpan.FromMilliseconds(30));
        metrics.AntiEntropyRound("127.0.0.1:8882", repaired: 3);
        metrics.SetMembers(up: 2, suspect: 1, down: 0);

        await Eventually.TrueAsync(async () => (await PrometheusText.ScrapeAsync(Client)).Has("beacon_cluster_members"), "the scrape shows the cluster");
        var after = await PrometheusText.ScrapeAsync(Client);
        var peer = ("peer", "127.0.0.1:8882");
        Assert.Equal(42, after.Value("beacon_replication_backlog", peer));
        Assert.Equal(5, after.Value("beacon_replication_sent_total", peer));
        Assert.Equal(1, after.Value("beacon_replication_failures_total", peer, ("reason", "timeout")));
        Assert.Equal(1, after.Value("beacon_replication_lag_seconds_count", peer));
        Assert.Equal(1, after.Value("beacon_replication_lag_seconds_bucket", peer, ("le", "0.05")));
        Assert.Equal(1, after.Value("beacon_anti_entropy_rounds_total", peer));
        Assert.Equal(3, after.Value("beacon_anti_entropy_repairs_total", peer));
        Assert.Equal(2, after.Value("beacon_cluster_members", ("state", "up")));
        Assert.Equal(1, after.Value("beacon_cluster_members", ("state", "suspect")));
    }

    [Fact]
    public async Task Metrics_TwoNodesInOneProcess_EachReportsOnlyItsOwnRegistry()
    {
        await using var other = await BeaconTestNode.StartAsync();
        await Client.RegisterOkAsync("orders", "o-1");
        await other.Client.RegisterOkAsync("orders", "x-1");
        await other.Client.RegisterOkAsync("orders", "x-2");

        var mine = await PrometheusText.ScrapeAsync(Client);
        var theirs = await PrometheusText.ScrapeAsync(other.Client);

        Assert.Equal(1, mine.Value("beacon_registry_instances", ("namespace", "default")));
        Assert.Equal(2, theirs.Value("beacon_registry_instances", ("namespace", "default")));
    }
}
