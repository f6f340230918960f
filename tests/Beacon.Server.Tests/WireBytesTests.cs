using System.Text.Json;
using Beacon.Contracts;
using Beacon.Server.Api;

namespace Beacon.Server.Tests;

/// <summary>The fast encoder must write exactly the wire's bytes.</summary>
public sealed class WireBytesTests
{
    private static InstanceInfo Info(string id, string text) => new()
    {
        Namespace = "default",
        Service = "orders",
        Id = id,
        Zone = text,
        Addresses = ["http://10.0.0.5:8080", $"grpc://{text}"],
        Status = InstanceStatus.OutOfService,
        ReportedStatus = InstanceStatus.Up,
        Healthy = false,
        Weight = 7,
        Version = null,
        Metadata = new Dictionary<string, string> { ["team"] = text, [text] = "<script>&'\"" },
        LeaseSeconds = 90,
        HeartbeatSeconds = 30,
        RegisteredAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123),
        LastChangedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_456),
        LastRenewedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_789),
        Revision = 42,
    };

    public static TheoryData<string> Texts() => ["eu-1a", "été 東京 \"quoted\" \\ back\nline", "<b>&amp;</b> + '", "\u0001\u001f \ud83d\ude00", ""];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Instance_SameBytesAsTheWire(string text)
    {
        var info = Info("o-1", text);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(info, BeaconJsonContext.Wire.InstanceInfo),
            WireBytes.Of(info, BeaconJsonContext.Default.InstanceInfo));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void ServiceAndChange_SameBytesAsTheWire(string text)
    {
        var service = new ServiceInstances { Namespace = "default", Service = "orders", Revision = 9, Instances = [Info("a", text), Info("b", text)] };
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(service, BeaconJsonContext.Wire.ServiceInstances),
            WireBytes.Of(service, BeaconJsonContext.Default.ServiceInstances));

        var change = new ChangeInfo { Revision = 10, Op = ChangeOp.Updated, Service = "orders", Instance = Info("a", text) };
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(change, BeaconJsonContext.Wire.ChangeInfo),
            WireBytes.Of(change, BeaconJsonContext.Default.ChangeInfo));
    }

    [Fact]
    public void ALargeValue_ThenASmallOne_BothWhole()
    {
        var many = new ServiceInstances
        {
            Namespace = "default", Service = "orders", Revision = 1,
            Instances = [.. Enumerable.Range(0, 500).Select(i => Info($"o-{i}", "eu-1a"))],
        };
        var large = WireBytes.Of(many, BeaconJsonContext.Default.ServiceInstances);
        var small = WireBytes.Of(Info("x", "z"), BeaconJsonContext.Default.InstanceInfo);

        Assert.True(large.Length > 64 * 1024);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(many, BeaconJsonContext.Wire.ServiceInstances), large);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(Info("x", "z"), BeaconJsonContext.Wire.InstanceInfo), small);
    }
}
