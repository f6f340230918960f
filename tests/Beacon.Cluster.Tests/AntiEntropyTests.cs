using Beacon.Cluster.AntiEntropy;
using Beacon.Cluster.Wire;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Cluster.Tests;

[Trait("Category", "Cluster")]
public sealed class AntiEntropyTests
{
    [Fact]
    public async Task LostReplication_IsRepairedByAntiEntropy()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var b = cluster.Ports[1];
        // A's replication to B is lost; probes and digests still pass.
        cluster.Faults(0).Drop(r => r.RequestUri!.Port == b && r.RequestUri.AbsolutePath == "/v1/peer/replicate");

        for (var i = 0; i < 20; i++)
        {
            await cluster[0].RegisterAsync("lost", $"l-{i}");
        }

        await Eventually.TrueAsync(() => cluster[2].Registry.FindService("default", "lost")?.Snapshot.Instances.Length == 20, "C got all 20");
        Assert.True(cluster.Faults(0).Dropped > 0);
        cluster.Faults(0).Heal();

        // No heartbeats, no new writes: only anti-entropy can bring B the 20 it missed.
        await Eventually.TrueAsync(() => cluster[1].Registry.FindService("default", "lost")?.Snapshot.Instances.Length == 20,
            "B repaired by anti-entropy");
        Assert.Equal(cluster[0].Fingerprint(), cluster[1].Fingerprint());
    }

    [Fact]
    public async Task Compare_UsesTheRequestersCutOff_SoEqualDataGivesEqualDigests()
    {
        // A settle time of an hour: a peer counting with its own clock would leave out every record
        // registered here, while the requester counts them all (its cut-off is now). Equal data must
        // still compare equal: busy clusters otherwise repaired buckets that only differed by when
        // each side computed its digest.
        await using var cluster = await TestCluster.StartAsync(2, (_, settings) => settings["Beacon:Cluster:AntiEntropySettle"] = "01:00:00");
        for (var i = 0; i < 20; i++)
        {
            await cluster[0].RegisterAsync("settled", $"s-{i}");
        }

        await Eventually.TrueAsync(() => cluster[1].Registry.FindService("default", "settled")?.Snapshot.Instances.Length == 20, "B has all 20");
        var a = cluster[0].Services.GetRequiredService<AntiEntropyService>();
        var b = cluster[1].Services.GetRequiredService<AntiEntropyService>();
        var aId = $"127.0.0.1:{cluster.Ports[0]}";
        var cutOff = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000;
        var digest = a.Checksums(aId, cutOff);

        var result = b.Compare(new DigestRequest(aId, digest, cutOff));

        Assert.Empty(result.Differing);
        Assert.NotEmpty(b.Compare(new DigestRequest(aId, digest)).Differing); // the peer's own cut-off (an older requester)
    }

    [Fact]
    public async Task LostRemoval_IsRepairedByAntiEntropy()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        for (var i = 0; i < 10; i++)
        {
            await cluster[0].RegisterAsync("gone", $"g-{i}");
        }

        await Eventually.TrueAsync(() => cluster.Nodes.All(n => n.Registry.FindService("default", "gone")?.Snapshot.Instances.Length == 10), "all have 10");
        var c = cluster.Ports[2];
        cluster.Faults(1).Drop(r => r.RequestUri!.Port == c && r.RequestUri.AbsolutePath == "/v1/peer/replicate");
        for (var i = 0; i < 10; i++)
        {
            using var _ = await cluster[1].Client.DeleteAsync(Contracts.BeaconRoutes.Instance("gone", $"g-{i}"));
        }

        await Eventually.TrueAsync(() => cluster[0].Registry.FindService("default", "gone")!.Snapshot.Instances.Length == 0, "A saw the removals");
        cluster.Faults(1).Heal();

        await Eventually.TrueAsync(() => cluster[2].Registry.FindService("default", "gone")!.Snapshot.Instances.Length == 0,
            "C repaired by anti-entropy");
    }

    [Fact]
    public async Task RenewalOfAnInstanceAPeerLacks_SendsItTheFullRecord()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        // Slow anti-entropy down so that the heartbeat path is what heals.
        var b = cluster.Ports[1];
        cluster.Faults(0).Drop(r => r.RequestUri!.Port == b && r.RequestUri.AbsolutePath is "/v1/peer/replicate" or "/v1/peer/digest");
        cluster.Faults(2).Drop(r => r.RequestUri!.Port == b && r.RequestUri.AbsolutePath is "/v1/peer/replicate" or "/v1/peer/digest");
        cluster.Faults(1).Drop(r => r.RequestUri!.AbsolutePath is "/v1/peer/digest");
        await cluster[0].RegisterAsync("healing", "h-1");
        await Eventually.TrueAsync(() => cluster[2].Has("healing", "h-1"), "C has it");
        Assert.False(cluster[1].Has("healing", "h-1"));
        cluster.Faults(0).Drop(r => r.RequestUri!.AbsolutePath is "/v1/peer/digest");
        cluster.Faults(2).Drop(r => r.RequestUri!.AbsolutePath is "/v1/peer/digest");

        using var beat = await cluster[0].Client.PostAsync(Contracts.BeaconRoutes.Heartbeat("healing", "h-1"), null);

        await Eventually.TrueAsync(() => cluster[1].Has("healing", "h-1"), "B got the full record after the renewal");
    }
}
