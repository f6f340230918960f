using System.Text;
using System.Text.Json;
using Beacon.Cluster.Wire;

namespace Beacon.Cluster.Tests;

public sealed class ReplicationBatchReaderTests
{
    private sealed class Recorder : IReplicationItemSink
    {
        public List<string> Events { get; } = [];

        public void Begin(string from, bool crossZone) => Events.Add($"begin {from} {crossZone}");

        public void Item(ReplicationItem item) => Events.Add($"{item.Kind} {item.Service}/{item.Id}");
    }

    private static List<string> Read(string json)
    {
        var recorder = new Recorder();
        ReplicationBatchReader.Read(Encoding.UTF8.GetBytes(json), recorder);
        return recorder.Events;
    }

    private static ReplicationItem Renewal(string id) =>
        new() { Kind = ReplicationKind.Renew, Namespace = "default", Service = "orders", Id = id, At = 5, Via = "n1" };

    [Fact]
    public void ReadsWhatTheSerializerWrites_ItemByItem()
    {
        var batch = new ReplicationBatch { From = "127.0.0.1:8881", CrossZone = true, Items = [Renewal("a"), Renewal("b")] };
        var json = JsonSerializer.Serialize(batch, PeerJsonContext.Default.ReplicationBatch);

        Assert.Equal(["begin 127.0.0.1:8881 True", "Renew orders/a", "Renew orders/b"], Read(json));
    }

    [Fact]
    public void HeaderAfterTheItems_IsFoundByLookingAhead()
    {
        var json = """{"items":[{"kind":"renew","namespace":"default","service":"orders","id":"a","at":5,"via":"n1"}],"extra":{"x":[1]},"crossZone":false,"from":"n2"}""";

        Assert.Equal(["begin n2 False", "Renew orders/a"], Read(json));
    }

    [Fact]
    public void CrossZone_DefaultsToFalse_AndUnknownPropertiesAreSkipped()
    {
        Assert.Equal(["begin n2 False"], Read("""{"from":"n2","version":{"a":[1,2]},"items":[]}"""));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("[]", "not an object")]
    [InlineData("""{"from":"n2"}""", "no items")]
    [InlineData("""{"items":[]}""", "no from")]
    [InlineData("""{"from":5,"items":[]}""", "from not a string")]
    [InlineData("""{"from":"n2","crossZone":"yes","items":[]}""", "crossZone not a boolean")]
    [InlineData("""{"from":"n2","items":{}}""", "items not an array")]
    [InlineData("""{"from":"n2","items":[null]}""", "a null item")]
    [InlineData("""{"from":"n2","items":[{"kind":"renew"}]}""", "an item without its key")]
    [InlineData("""{"from":"n2","items":[]} {}""", "a second value")]
    [InlineData("""{"from":"n2","items":[""", "truncated")]
    public void MalformedBatches_AreJsonErrors(string json, string why)
    {
        Assert.True(Throws(json), why);
    }

    [Fact]
    public void ItemsBeforeAFault_HaveBeenHandedOn()
    {
        var recorder = new Recorder();
        var json = """{"from":"n2","items":[{"kind":"renew","namespace":"default","service":"orders","id":"a","at":5,"via":"n1"},{"kind":"bogus"}]}""";

        Assert.Throws<JsonException>(() => ReplicationBatchReader.Read(Encoding.UTF8.GetBytes(json), recorder));
        Assert.Equal(["begin n2 False", "Renew orders/a"], recorder.Events);
    }

    private static bool Throws(string json)
    {
        try
        {
            Read(json);
            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }
}
