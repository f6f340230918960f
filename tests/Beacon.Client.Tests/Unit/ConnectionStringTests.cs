namespace Beacon.Client.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class ConnectionStringTests
{
    [Fact]
    public void Parse_IssueExample_SetsNodesNamespaceZoneAndToken()
    {
        var options = BeaconClientOptions.Parse("nodes=127.0.0.1:7171,127.0.0.1:7172;namespace=prod;zone=z1;token=s3cret");

        Assert.Equal(["127.0.0.1:7171", "127.0.0.1:7172"], options.Nodes);
        Assert.Equal("prod", options.Namespace);
        Assert.Equal("z1", options.Zone);
        Assert.Equal("s3cret", options.Token);
    }

    [Fact]
    public void Parse_KeysAnyCaseAndDurations_AreUnderstood()
    {
        var options = BeaconClientOptions.Parse(
            "Nodes=a:1; HeartbeatInterval=200ms; watchIdleTimeout=00:00:05; LOADBALANCING=roundRobin; diskCache=false; leaseSeconds=30");

        Assert.Equal(TimeSpan.FromMilliseconds(200), options.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.WatchIdleTimeout);
        Assert.Equal(LoadBalancingStrategy.RoundRobin, options.LoadBalancing);
        Assert.False(options.DiskCache);
        Assert.Equal(30, options.LeaseSeconds);
    }

    [Fact]
    public void ToString_WithToken_MasksIt()
    {
        var options = BeaconClientOptions.Parse("nodes=a:1;token=s3cret");

        var text = options.ToString();

        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.Contains("token=***", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToConnectionString_WithSecrets_RoundTrips()
    {
        var original = BeaconClientOptions.Parse(
            "nodes=a:1,b:2;namespace=prod;zone=z1;token=t;heartbeatInterval=5s;watchIdleTimeout=1m;loadBalancing=roundRobin;requestTimeout=250ms");

        var copy = BeaconClientOptions.Parse(original.ToConnectionString(includeSecrets: true));

        Assert.Equal(original.ToConnectionString(includeSecrets: true), copy.ToConnectionString(includeSecrets: true));
        Assert.Equal("t", copy.Token);
        Assert.Equal(TimeSpan.FromMinutes(1), copy.WatchIdleTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), copy.RequestTimeout);
    }

    [Fact]
    public void Parse_UnknownKey_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => BeaconClientOptions.Parse("nodes=a:1;nodez=b:2"));
        Assert.Contains("nodez", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadDuration_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() => BeaconClientOptions.Parse("heartbeatInterval=soon"));
        Assert.Contains("heartbeatInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedToken_DoesNotEchoTheSecret()
    {
        var error = Assert.Throws<ArgumentException>(() => BeaconClientOptions.Parse("tokens3cret"));
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }
}
