using Beacon.Core.Model;
using Beacon.Core.Validation;

namespace Beacon.Core.Tests.Validation;

[Trait("Category", "Unit")]
public sealed class ValidationTests
{
    private static InvalidArgumentException Rejects(Func<InstanceRegistration, InstanceRegistration> change)
    {
        var f = new RegistryFixture();
        var e = Assert.Throws<InvalidArgumentException>(() => f.Registry.Register(change(RegistryFixture.Registration())));
        Assert.Equal(0, f.Registry.InstanceCount);
        return e;
    }

    [Theory]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("ünïcode")]
    public void Service_BadNames_AreRejectedNamingTheField(string name)
    {
        var e = Rejects(r => r with { Service = name });
        Assert.Equal("service", e.Field);
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("DEFAULT_GROUP@@orders")]
    [InlineData("ORDERS-SERVICE")]
    [InlineData("a.b_c-d:e")]
    public void Service_CompatibleNames_AreAccepted(string name)
    {
        var f = new RegistryFixture();
        f.Registry.Register(RegistryFixture.Registration(service: name));
        Assert.NotNull(f.Registry.FindService("default", name));
    }

    [Fact]
    public void Service_TooLong_IsRejected() =>
        Assert.Equal("service", Rejects(r => r with { Service = new string('a', Limits.ServiceMaxLength + 1) }).Field);

    [Theory]
    [InlineData("10.0.0.1#8080#DEFAULT#DEFAULT_GROUP@@svc")]
    [InlineData("host:myapp:8080")]
    public void InstanceId_NacosAndEurekaIds_AreAccepted(string id)
    {
        var f = new RegistryFixture();
        f.Registry.Register(RegistryFixture.Registration(id: id));
        Assert.NotNull(f.Registry.FindInstance("default", "orders", id));
    }

    [Fact]
    public void Namespace_Bad_IsRejected() => Assert.Equal("namespace", Rejects(r => r with { Namespace = "a@b" }).Field);

    [Fact]
    public void Zone_Bad_IsRejected() => Assert.Equal("zone", Rejects(r => r with { Zone = "zone 1" }).Field);

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void Weight_OutOfRange_IsRejected(int weight)
    {
        var e = Rejects(r => r with { Weight = weight });
        Assert.Equal("weight", e.Field);
        Assert.Contains("between 0 and 10000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lease_Zero_IsRejected() => Assert.Equal("leaseSeconds", Rejects(r => r with { LeaseSeconds = 0 }).Field);

    [Fact]
    public void Heartbeat_LongerThanLease_IsRejected() =>
        Assert.Equal("heartbeatSeconds", Rejects(r => r with { LeaseSeconds = 10, HeartbeatSeconds = 11 }).Field);

    [Fact]
    public void Addresses_Missing_IsRejected() => Assert.Equal("addresses", Rejects(r => r with { Addresses = [] }).Field);

    [Theory]
    [InlineData("10.0.0.5:8080x")]
    [InlineData("/relative/path")]
    [InlineData("not a uri")]
    public void Addresses_NotAbsoluteUris_AreRejected(string address) =>
        Assert.Equal("addresses[1]", Rejects(r => r with { Addresses = ["http://ok:1", address] }).Field);

    [Fact]
    public void Addresses_TooMany_AreRejected() =>
        Assert.Equal("addresses", Rejects(r => r with
        {
            Addresses = Enumerable.Range(0, Limits.MaxAddresses + 1).Select(i => $"http://h{i}:80").ToArray(),
        }).Field);

    [Fact]
    public void Metadata_TooManyEntries_AreRejected() =>
        Assert.Equal("metadata", Rejects(r => r with
        {
            Metadata = Enumerable.Range(0, Limits.MaxMetadataEntries + 1).ToDictionary(i => $"k{i}", i => "v"),
        }).Field);

    [Fact]
    public void Metadata_BadKey_IsRejected() =>
        Assert.Equal("metadata.bad key", Rejects(r => r with { Metadata = new Dictionary<string, string> { ["bad key"] = "v" } }).Field);

    [Fact]
    public void Metadata_NullValue_IsRejectedNamingTheKey() =>
        // JSON can carry null where the contract says string; it once reached the pool and failed as a 500.
        Assert.Equal("metadata.k", Rejects(r => r with { Metadata = new Dictionary<string, string> { ["k"] = null! } }).Field);

    [Fact]
    public void Metadata_HugeValue_IsRejected() =>
        Assert.Equal("metadata.k", Rejects(r => r with
        {
            Metadata = new Dictionary<string, string> { ["k"] = new string('x', Limits.MetadataValueMaxLength + 1) },
        }).Field);

    [Fact]
    public void Metadata_TotalTooLarge_IsRejected() =>
        Assert.Equal("metadata", Rejects(r => r with
        {
            Metadata = Enumerable.Range(0, 5).ToDictionary(i => $"k{i}", _ => new string('x', 4000)),
        }).Field);

    [Fact]
    public void Version_TooLong_IsRejected() =>
        Assert.Equal("version", Rejects(r => r with { Version = new string('1', Limits.VersionMaxLength + 1) }).Field);

    [Fact]
    public void Patch_MetadataMergeBreakingLimits_IsRejectedAndNothingChanges()
    {
        var f = new RegistryFixture();
        var before = f.Register();
        var e = Assert.Throws<InvalidArgumentException>(() => f.Registry.Patch("default", "orders", "o-1",
            new InstancePatch { Metadata = new Dictionary<string, string?> { ["no spaces allowed"] = "v" } }));
        Assert.StartsWith("metadata.", e.Field, StringComparison.Ordinal);
        Assert.Same(before, f.Registry.FindInstance("default", "orders", "o-1"));
    }
}
