using System.Globalization;
using System.Net;
using Beacon.LoadGen.Compare.Clients;
using Beacon.LoadGen.Processes;

namespace Beacon.LoadGen.Compare.Systems;

/// <summary>
/// Beacon nodes (the Release build, shipped settings), in memory: the ephemeral registry writes
/// nothing to disk. A cluster is three nodes told each other with <c>--nodes</c>; a write is
/// acknowledged by the node that took it and replicated to the others asynchronously (AP).
/// </summary>
public sealed class BeaconSystem(Members members, Topology topology, bool gzip) : IRegistrySystem
{
    public string Name => gzip ? "beacon (gzip)" : "beacon";

    public Topology Topology => topology;

    public IReadOnlyList<int> Pids => members.Pids;

    public bool SupportsBatchRenew => true;

    public static async Task<BeaconSystem> StartAsync(Topology topology, bool gzip = false)
    {
        var members = new Members("beacon");
        try
        {
            var endPoints = Members.FreePorts((int)topology).Select(port => new IPEndPoint(IPAddress.Loopback, port)).ToArray();
            string[] cluster = topology == Topology.ThreeNodes
                ? ["--nodes", string.Join(',', endPoints.Select(e => e.ToString()))]
                : [];
            await members.StartAllAsync(endPoints.Select(endPoint =>
                (Func<Task<ChildProcess>>)(() => ServerLauncher.StartNodeAsync(endPoint, cluster))));
            return new BeaconSystem(members, topology, gzip);
        }
        catch
        {
            await members.DisposeAsync();
            throw;
        }
    }

    public async Task<IRegistryClient> ConnectAsync(int index, CancellationToken cancellationToken) =>
        await BeaconRegistryClient.ConnectAsync(members.EndPoints[index % members.EndPoints.Count], gzip, cancellationToken);

    public ValueTask DisposeAsync() => members.DisposeAsync();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} × {(int)topology}");
}
