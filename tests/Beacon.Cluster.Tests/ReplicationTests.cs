using System.Diagnostics;
using System.Net;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Cluster.Tests;

[Trait("Category", "Cluster")]
public sealed class ReplicationTests(ThreeNodeFixture fixture) : IClassFixture<ThreeNodeFixture>
{
    private readonly TestCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task Register_AtAnyNode_IsVisibleOnEveryNodeWithinMilliseconds()
    {
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await _cluster[i].RegisterAsync("svc-registeratanynodeisvisibleoneverynodewit", $"o-{i}");
            await _cluster.Nodes.AllHaveAsync("svc-registeratanynodeisvisibleoneverynodewit", $"o-{i}");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"replication took {watch.Elapsed}");
        }

        var fromC = await _cluster[2].Client.GetServiceAsync("svc-registeratanynodeisvisibleoneverynodewit");
        Assert.Equal(["o-0", "o-1", "o-2"], fromC.Instances.Select(i => i.Id));
    }

    [Fact]
    public async Task Replica_KeepsTheOriginalStamp_AndIsNotReReplicated()
    {
        var registered = await _cluster[0].RegisterAsync("svc-replicakeepstheoriginalstampandisnotrere", "o-1");
        await _cluster.Nodes.AllHaveAsync("svc-replicakeepstheoriginalstampandisnotrere", "o-1");

        var stamps = _cluster.Nodes.Select(n => n.Registry.FindInstance("default", "svc-replicakeepstheoriginalstampandisnotrere", "o-1")!.Stamp).Distinct().ToList();
        Assert.Single(stamps);
        Assert.Equal(TestCluster.NodeId(_cluster.Ports[0]), stamps[0].Origin);
        // Each node applied the registration once: one change on A (local), one on each replica. An
        // echo would show as a second change; wait for a whole anti-entropy round to give it time.
        await Eventually.TrueAsync(async () => (await Task.WhenAll(_cluster.Nodes.Select(n => n.MembersAsync()))).All(m => m.Converged),
            "every node reports convergence");
        foreach (var node in _cluster.Nodes)
        {
            var changes = new List<Core.Changes.Change>();
            node.Registry.Changes.TryRead(node.Registry.Changes.OldestRetained - 1, 10_000,
                c => c.Instance.Service == "svc-replicakeepstheoriginalstampandisnotrere", changes, out _);
            Assert.Single(changes);
        }

        Assert.True(registered.Revision > 0);
    }

    [Fact]
    public async Task Heartbeat_AtOneNode_RenewsTheLeaseOnTheOthers()
    {
        await _cluster[0].RegisterAsync("svc-heartbeatatonenoderenewstheleaseontheoth", "o-1");
        await _cluster.Nodes.AllHaveAsync("svc-heartbeatatonenoderenewstheleaseontheoth", "o-1");
        var before = _cluster[2].Registry.FindInstance("default", "svc-heartbeatatonenoderenewstheleaseontheoth", "o-1")!.Lease.LastRenewedMs;
        await Eventually.TrueAsync(() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() > before + 5, "the clock moves");

        using var beat = await _cluster[1].Client.PostAsync(BeaconRoutes.Heartbeat("svc-heartbeatatonenoderenewstheleaseontheoth", "o-1"), null);
        Assert.Equal(HttpStatusCode.OK, beat.StatusCode);

        await Eventually.TrueAsync(() =>
        {
            var lease = _cluster[2].Registry.FindInstance("default", "svc-heartbeatatonenoderenewstheleaseontheoth", "o-1")!.Lease;
            return lease.LastRenewedMs > before && lease.RenewedVia == TestCluster.NodeId(_cluster.Ports[1]);
        }, "node C sees node B's heartbeat");
    }

    [Fact]
    public async Task Deregister_AtAnotherNode_RemovesEverywhere()
    {
        await _cluster[0].RegisterAsync("svc-deregisteratanothernoderemoveseverywhere", "o-1");
        await _cluster.Nodes.AllHaveAsync("svc-deregisteratanothernoderemoveseverywhere", "o-1");

        using var deleted = await _cluster[2].Client.DeleteAsync(BeaconRoutes.Instance("svc-deregisteratanothernoderemoveseverywhere", "o-1"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        await _cluster.Nodes.NoneHasAsync("svc-deregisteratanothernoderemoveseverywhere", "o-1");
    }

    [Fact]
    public async Task Patch_Replicates()
    {
        await _cluster[0].RegisterAsync("svc-patchreplicates", "o-1");
        await _cluster.Nodes.AllHaveAsync("svc-patchreplicates", "o-1");

        using var patched = await _cluster[1].Client.PatchAsync(BeaconRoutes.Instance("svc-patchreplicates", "o-1"),
            new StringContent("""{"statusOverride":"OUT_OF_SERVICE"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(patched.IsSuccessStatusCode);

        await Eventually.TrueAsync(() => _cluster.Nodes.All(n =>
            n.Registry.FindInstance("default", "svc-patchreplicates", "o-1")!.Status == InstanceStatus.OutOfService), "every node has the override");
    }

    [Fact]
    public async Task ConcurrentConflictingWrites_ConvergeToTheSameRecord()
    {
        var writes = Enumerable.Range(0, 30).Select(i =>
            _cluster[i % 3].RegisterAsync("svc-concurrentconflictingwritesconvergetothe", "contested", $$"""{"addresses":["http://10.0.0.5:8080"],"weight":{{i + 1}}}"""));
        await Task.WhenAll(writes);

        await Eventually.TrueAsync(() =>
        {
            var records = _cluster.Nodes.Select(n => n.Registry.FindInstance("default", "svc-concurrentconflictingwritesconvergetothe", "contested")).ToList();
            return records.All(r => r is not null) &&
                   records.Select(r => (r!.Stamp, r.Weight)).Distinct().Count() == 1;
        }, "all nodes hold the same version of the contested instance");
    }

    [Fact]
    public async Task Watch_OnAReplica_SeesChangesMadeElsewhere()
    {
        var poll = _cluster[2].Client.GetAsync(BeaconRoutes.Service("svc-watchonareplicaseeschangesmadeelsewhere") + "?index=0&wait=30s");
        await _cluster[0].RegisterAsync("svc-watchonareplicaseeschangesmadeelsewhere", "o-1");

        using var response = await poll.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Members_ListEveryNodeUp_AndConverge()
    {
        await _cluster[0].RegisterAsync("svc-memberslisteverynodeupandconverge", "o-1");
        await Eventually.TrueAsync(async () => (await _cluster[1].MembersAsync()).Converged, "node B reports convergence");

        var members = await _cluster[1].MembersAsync();
        Assert.Equal(3, members.Members.Count);
        Assert.All(members.Members, m => Assert.Equal(MemberState.Up, m.State));
        Assert.Single(members.Members, m => m.Self);
        Assert.All(members.Members, m => Assert.Equal("default", m.Zone));
    }

    [Fact]
    public async Task SelfRegistration_EveryNodeIsInServiceBeacon()
    {
        var ids = _cluster.Ports.Select(TestCluster.NodeId).Order().ToList();
        await Eventually.TrueAsync(() => _cluster.Nodes.All(n =>
            (n.Registry.FindService("system", "beacon")?.Snapshot.Instances.Select(i => i.Id).Order().ToList() ?? []).SequenceEqual(ids)),
            "every node lists all three in system/beacon");
    }

    [Fact]
    public async Task Metrics_ShowMembersAndReplication()
    {
        await _cluster[0].RegisterAsync("svc-metrics", "m-1");
        await _cluster.Nodes.AllHaveAsync("svc-metrics", "m-1");

        await Eventually.TrueAsync(async () =>
        {
            var text = await _cluster[0].Client.GetStringAsync("/metrics");
            return text.Contains("beacon_cluster_members{otel_scope_name=\"Beacon\",state=\"up\"} 3", StringComparison.Ordinal) &&
                   text.Contains("beacon_replication_sent_total{", StringComparison.Ordinal) &&
                   text.Contains("beacon_anti_entropy_rounds_total{", StringComparison.Ordinal);
        }, "node A's /metrics shows three members up, replication and anti-entropy");
    }

    [Fact]
    public async Task ChangesWithinTheBatchDelay_LeaveAsOneRequest()
    {
        // One change after another, each acknowledged before the next is made: sent at once, each
        // would be a request of its own; gathered for the batch delay, they share a few.
        await using var cluster = await TestCluster.StartAsync(2, (_, settings) =>
            settings["Beacon:Cluster:ReplicationBatchDelay"] = "00:00:00.500");
        var before = cluster.Faults(0).Sent("/v1/peer/replicate");
        for (var i = 0; i < 20; i++)
        {
            await cluster[0].RegisterAsync("svc-batchdelay", $"b-{i}");
        }

        await cluster.Nodes.AllHaveAsync("svc-batchdelay", "b-19");
        Assert.All(Enumerable.Range(0, 20), i => Assert.True(cluster[1].Has("svc-batchdelay", $"b-{i}")));
        var requests = cluster.Faults(0).Sent("/v1/peer/replicate") - before;
        Assert.InRange(requests, 1, 6);
    }

    [Fact]
    public async Task MalformedPeerBatch_Is400_NothingOfItIsApplied_AndTheNodeGoesOn()
    {
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        var good = $$$"""{"kind":"put","namespace":"default","service":"svc-malformedbatch","id":"p-1","instance":{"namespace":"default","service":"svc-malformedbatch","id":"p-1","zone":"default","addresses":["http://10.0.0.1:80"],"reportedStatus":"UP","healthy":true,"weight":100,"leaseSeconds":90,"heartbeatSeconds":30,"registeredAtMs":1,"lastChangedAtMs":1,"lastRenewedMs":{{{stamp / 1000}}},"renewedVia":"elsewhere","stampClock":{{{stamp}}},"stampOrigin":"elsewhere"}}""";
        // Explicit nulls too: [JsonRequired] only checks that a property is there (they were 500s).
        foreach (var body in new[] { "", "{", "[1,2]", "{\"from\":\"x\",\"items\":[" + good + ",{\"kind\":\"bogus\"}]}",
                     "{\"from\":null,\"items\":[]}", "{\"from\":\"x\",\"items\":null}" })
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await _cluster[2].Client.PostAsync("/v1/peer/replicate", content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        // The batch is parsed whole before any of it is applied: a good record beside a bad one stays out.
        Assert.Null(_cluster[2].Registry.FindInstance("default", "svc-malformedbatch", "p-1"));
        using (var alone = new StringContent("{\"from\":\"x\",\"items\":[" + good + "]}", System.Text.Encoding.UTF8, "application/json"))
        using (var accepted = await _cluster[2].Client.PostAsync("/v1/peer/replicate", alone))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode); // the same record alone is well-formed
        }

        Assert.NotNull(_cluster[2].Registry.FindInstance("default", "svc-malformedbatch", "p-1"));
        using (var nullItem = new StringContent("{\"from\":\"x\",\"items\":[null]}", System.Text.Encoding.UTF8, "application/json"))
        using (var skipped = await _cluster[2].Client.PostAsync("/v1/peer/replicate", nullItem))
        {
            Assert.Equal(HttpStatusCode.OK, skipped.StatusCode); // a null item is skipped, as any bad item
        }

        foreach (var digest in new[] { "{}", "{\"from\":null,\"buckets\":[]}", "{\"from\":\"x\"}" })
        {
            using var content = new StringContent(digest, System.Text.Encoding.UTF8, "application/json");
            using var response = await _cluster[2].Client.PostAsync("/v1/peer/digest", content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        await _cluster[0].RegisterAsync("svc-malformedbatch", "after");
        await _cluster.Nodes.AllHaveAsync("svc-malformedbatch", "after");
    }

    /// <summary>
    /// Every field of a replicated instance, in turn, set to each of a range of wrong JSON values: the
    /// peer API answers 2xx or 4xx, never 5xx, and the node goes on replicating.
    /// </summary>
    [Fact]
    public async Task PeerInstanceFieldSetToAWrongValue_IsNever5xx()
    {
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var fields = new Dictionary<string, string>
        {
            ["namespace"] = "\"default\"", ["service"] = "\"svc-peerfuzz\"", ["id"] = "\"ID\"", ["zone"] = "\"default\"",
            ["addresses"] = "[\"http://10.0.0.1:80\"]", ["reportedStatus"] = "\"UP\"", ["statusOverride"] = "\"DOWN\"", ["healthy"] = "true",
            ["weight"] = "100", ["version"] = "\"1\"", ["metadata"] = "{\"k\":\"v\"}", ["leaseSeconds"] = "90", ["heartbeatSeconds"] = "30",
            ["registeredAtMs"] = "1", ["lastChangedAtMs"] = "1", ["lastRenewedMs"] = $"{nowMs}", ["renewedVia"] = "\"elsewhere\"",
            ["stampClock"] = "5", ["stampOrigin"] = "\"elsewhere\"",
        };
        string[] values = ["null", "0", "-1", "9223372036854775807", "1.5", "true", "\"\"", "\"x\"", "[]", "[null]", "{}", "{\"k\":null}", $"\"{new string('x', 3000)}\""];
        var failures = new List<string>();
        var n = 0;
        foreach (var field in fields.Keys)
        {
            foreach (var value in values)
            {
                var id = $"\"pf-{n++}\"";
                var instance = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{(f.Key == field ? value : f.Key == "id" ? id : f.Value)}")) + "}";
                var body = $$"""{"from":"elsewhere","items":[{"kind":"put","namespace":"default","service":"svc-peerfuzz","id":{{id}},"instance":{{instance}}}]}""";
                using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
                using var response = await _cluster[2].Client.PostAsync("/v1/peer/replicate", content);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{field}={value[..Math.Min(value.Length, 20)]}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(failures);

        // What was accepted leaves again, so no later test meets hundreds of odd records.
        foreach (var instance in _cluster[2].Registry.FindService("default", "svc-peerfuzz")?.Snapshot.Instances.ToArray() ?? [])
        {
            _cluster[2].Registry.Deregister("default", "svc-peerfuzz", instance.Id);
        }

        await _cluster[0].RegisterAsync("svc-peerfuzz", "after");
        await _cluster.Nodes.AllHaveAsync("svc-peerfuzz", "after");
    }
}
