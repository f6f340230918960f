using System.Reflection;
using System.Text.Json;
using Beacon.Client.Json;
using Beacon.Contracts;

namespace Beacon.Client.Tests.Unit;

/// <summary>
/// The client reads instances and changes with hand-written readers (see ClientJson): they must read
/// exactly what the contract's generated serializer writes, for every property.
/// </summary>
public sealed class ClientJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 23, 40, 1, 123, TimeSpan.FromHours(1));

    /// <summary>Every property set to something other than its default, so none can go unread unnoticed.</summary>
    private static InstanceInfo Full() => new()
    {
        Namespace = "prod",
        Service = "orders",
        Id = "o-1 \"quoted\" é",
        Zone = "z1",
        Addresses = ["http://10.0.0.5:8080", "https://10.0.0.5:8443"],
        Status = InstanceStatus.OutOfService,
        ReportedStatus = InstanceStatus.Starting,
        StatusOverride = InstanceStatus.OutOfService,
        Healthy = true,
        Weight = 250,
        Version = "1.2.3",
        Metadata = new Dictionary<string, string> { ["team"] = "payments", ["région"] = "eu-west" },
        LeaseSeconds = 90,
        HeartbeatSeconds = 30,
        RegisteredAt = At,
        LastRenewedAt = At.AddSeconds(30),
        LastChangedAt = At.AddSeconds(5),
        Revision = 4_000_000_000L,
    };

    private static string Wire<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Serialize(value, type);

    [Fact]
    public void FullInstance_HasNoPropertyAtItsDefault()
    {
        var full = Full();
        foreach (var property in typeof(InstanceInfo).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract"))
        {
            var value = property.GetValue(full);
            var type = property.PropertyType;
            var empty = type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
            Assert.False(Equals(value, empty), $"{property.Name} is at its default: set it in Full() so the round trip covers it.");
        }
    }

    [Fact]
    public void Instance_ReadsBackEveryPropertyTheContractWrites()
    {
        var json = Wire(Full(), BeaconJsonContext.Wire.InstanceInfo);

        var read = JsonSerializer.Deserialize(json, ClientJson.Options.GetTypeInfo(typeof(InstanceInfo)));

        Assert.Equal(json, JsonSerializer.Serialize(read, BeaconJsonContext.Wire.InstanceInfo));
    }

    [Fact]
    public void Change_ReadsBackEveryPropertyTheContractWrites()
    {
        var change = new ChangeInfo { Revision = 77, Op = ChangeOp.Evicted, Service = "orders", Instance = Full() };
        var json = Wire(change, BeaconJsonContext.Wire.ChangeInfo);

        var read = JsonSerializer.Deserialize(json, ClientJson.ChangeInfo)!;

        Assert.Equal(json, Wire(read, BeaconJsonContext.Wire.ChangeInfo));
    }

    [Fact]
    public void ServiceInstances_ReadsInstancesWithTheHandWrittenReader()
    {
        var service = new ServiceInstances { Namespace = "prod", Service = "orders", Revision = 9, Instances = [Full(), Full() with { Id = "o-2" }] };
        var json = Wire(service, BeaconJsonContext.Wire.ServiceInstances);

        var read = JsonSerializer.Deserialize(json, ClientJson.ServiceInstances)!;

        Assert.Equal(json, Wire(read, BeaconJsonContext.Wire.ServiceInstances));
        Assert.IsType<InstanceInfoReader>(ClientJson.Options.GetTypeInfo(typeof(InstanceInfo)).Converter);
        Assert.IsType<ChangeInfoReader>(ClientJson.ChangeInfo.Converter);
    }

    [Fact]
    public void ServiceInstances_RepeatedNamespaceServiceAndZone_AreOneStringEach_DifferentOnesReadAsTheyAre()
    {
        var service = new ServiceInstances
        {
            Namespace = "prod", Service = "orders", Revision = 9,
            Instances = [Full() with { Id = "a", Zone = "z1" }, Full() with { Id = "b", Zone = "z1" }, Full() with { Id = "c", Zone = "z2" }, Full() with { Id = "d", Zone = "z1" }],
        };

        var read = JsonSerializer.Deserialize(Wire(service, BeaconJsonContext.Wire.ServiceInstances), ClientJson.ServiceInstances)!;

        Assert.Equal(["z1", "z1", "z2", "z1"], read.Instances.Select(i => i.Zone));
        Assert.Same(read.Instances[0].Zone, read.Instances[1].Zone);
        Assert.Same(read.Instances[0].Namespace, read.Instances[3].Namespace);
        Assert.Same(read.Instances[0].Service, read.Instances[3].Service);
    }

    [Fact]
    public void Instance_OptionalsAbsentOrNull_AndUnknownPropertiesSkipped()
    {
        var minimal = Full() with { StatusOverride = null, Version = null, Metadata = new Dictionary<string, string>(), Addresses = [] };
        var json = Wire(minimal, BeaconJsonContext.Wire.InstanceInfo);
        const string extras = """ "future":{"nested":[1,{"x":null}],"s":"}"},"version":null,"statusOverride":null,"more":[], """;
        var withExtras = json.Insert(1, extras.Trim());

        var read = JsonSerializer.Deserialize(withExtras, ClientJson.Options.GetTypeInfo(typeof(InstanceInfo))) as InstanceInfo;

        Assert.NotNull(read);
        Assert.Null(read.Version);
        Assert.Null(read.StatusOverride);
        Assert.Empty(read.Metadata);
        Assert.Empty(read.Addresses);
        Assert.Equal(json, Wire(read, BeaconJsonContext.Wire.InstanceInfo));
    }

    [Theory]
    [InlineData("zone")]
    [InlineData("revision")]
    [InlineData("healthy")]
    [InlineData("metadata")]
    public void Instance_MissingRequiredProperty_IsAJsonErrorNamingIt(string property)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Wire(Full(), BeaconJsonContext.Wire.InstanceInfo))!.AsObject();
        node.Remove(property);

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(node.ToJsonString(), ClientJson.Options.GetTypeInfo(typeof(InstanceInfo))));

        Assert.Contains($"'{property}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"revision":1,"op":"registered","service":"s","instance":[]}""")]
    [InlineData("""{"revision":"1","op":"registered","service":"s"}""")]
    [InlineData("""{"revision":1,"op":"exploded","service":"s"}""")]
    [InlineData("""[]""")]
    [InlineData("""{"revision":1,"op":"registered","service":7}""")]
    public void Change_WrongShapes_AreJsonErrors(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, ClientJson.ChangeInfo));

    [Fact]
    public void RegisterRequest_AddressesAndMetadata_RoundTripThroughTheirConverters()
    {
        // The contract reads these two with converters of its own (no read-stack frame per body); what
        // the SDK writes must read back the same, with several addresses (the growing path) and keys
        // that need escaping.
        var request = new RegisterInstanceRequest
        {
            Addresses = ["http://a:1", "http://b:2", "http://c:3"],
            Metadata = new Dictionary<string, string> { ["team"] = "payments", ["région \"x\""] = "eu-west", ["k"] = "" },
        };
        var json = Wire(request, BeaconJsonContext.Wire.RegisterInstanceRequest);
        Assert.Contains("\"addresses\":[\"http://a:1\",\"http://b:2\",\"http://c:3\"]", json, StringComparison.Ordinal);
        var read = JsonSerializer.Deserialize(json, BeaconJsonContext.Wire.RegisterInstanceRequest)!;
        Assert.Equal(request.Addresses, read.Addresses);
        Assert.Equal(request.Metadata.OrderBy(p => p.Key), read.Metadata!.OrderBy(p => p.Key));

        var nulls = JsonSerializer.Deserialize("""{"addresses":["http://a:1",null],"metadata":{"k":null,"k":"later"}}""",
            BeaconJsonContext.Wire.RegisterInstanceRequest)!;
        Assert.Equal(["http://a:1", null!], nulls.Addresses);
        Assert.Equal("later", nulls.Metadata!["k"]);
    }
}

