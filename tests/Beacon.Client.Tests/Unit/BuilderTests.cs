namespace Beacon.Client.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class BuilderTests
{
    [Fact]
    public void Build_NoNodes_ThrowsWithActionableMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => new BeaconClientBuilder().Build());
        Assert.Contains("Nodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BadValues_ListsEveryProblem()
    {
        var builder = new BeaconClientBuilder("nodes=ftp://x;heartbeatInterval=0s;leaseSeconds=0");

        var error = Assert.Throws<ArgumentException>(() => builder.Build());

        Assert.Contains("ftp://x", error.Message, StringComparison.Ordinal);
        Assert.Contains("HeartbeatInterval", error.Message, StringComparison.Ordinal);
        Assert.Contains("LeaseSeconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_OptionsChangedAfterwards_ClientKeepsItsCopy()
    {
        var builder = new BeaconClientBuilder("nodes=127.0.0.1:1;namespace=prod;diskCache=false;deregisterOnDispose=false");
        await using var client = builder.Build();

        builder.Options.Namespace = "other";
        builder.Options.Nodes.Add("127.0.0.1:2");

        Assert.Equal("prod", client.Options.Namespace);
        Assert.Single(client.Options.Nodes);
    }
}
