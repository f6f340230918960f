using System.Net.Http.Json;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Client.Tests.Support;

/// <summary>Writes straight to a node's HTTP API, as another process would: the client under test only reads.</summary>
public static class Registry
{
    public static async Task<InstanceInfo> RegisterAsync(
        BeaconTestNode node, string service, string id, string address = "http://127.0.0.1:9",
        string? zone = null, int? weight = null, InstanceStatus? status = null, string? @namespace = null)
    {
        var path = BeaconRoutes.Instance(service, id) + (@namespace is null ? "" : $"?namespace={@namespace}");
        var body = new RegisterInstanceRequest { Addresses = [address], Zone = zone, Weight = weight, Status = status };
        using var response = await node.Client.PutAsJsonAsync(path, body, BeaconJsonContext.Default.RegisterInstanceRequest);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.InstanceInfo))!;
    }

    public static async Task DeregisterAsync(BeaconTestNode node, string service, string id)
    {
        using var response = await node.Client.DeleteAsync(BeaconRoutes.Instance(service, id));
        response.EnsureSuccessStatusCode();
    }
}
