using System.Net.Http.Json;
using Beacon.Contracts;

namespace Beacon.TestKit;

/// <summary>Cluster reads for tests.</summary>
public static class ClusterClientExtensions
{
    public static async Task<ClusterMembers> MembersAsync(this BeaconTestNode node) =>
        (await node.Client.GetFromJsonAsync("/v1/cluster/members", BeaconJsonContext.Default.ClusterMembers))!;
}
