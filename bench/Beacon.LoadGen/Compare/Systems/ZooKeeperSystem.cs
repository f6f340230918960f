using System.Diagnostics;
using System.Net;
using Beacon.LoadGen.Compare.Clients;
using Beacon.LoadGen.Compare.ZooKeeper;
using Beacon.LoadGen.Processes;

namespace Beacon.LoadGen.Compare.Systems;

/// <summary>
/// ZooKeeper from Debian's <c>zookeeper</c> package, run as its zkServer.sh runs it (QuorumPeerMain,
/// the JVM's default settings), with its defaults: <c>forceSync=yes</c>, every write fsynced to the
/// transaction log before it is acknowledged. Data in a temp folder. A cluster is three members (an
/// ensemble) on their own client, quorum and election ports; a write commits on a quorum.
/// Two settings differ from the example configuration, neither touching durability: no limit on
/// connections per client address (the load generator opens 64 and more from 127.0.0.1) and no
/// admin web server (it would take port 8080).
/// </summary>
public sealed class ZooKeeperSystem(Members members, Topology topology) : IRegistrySystem
{
    public const string Jar = "/usr/share/java/zookeeper.jar";

    public string Name => "zookeeper";

    public Topology Topology => topology;

    public IReadOnlyList<int> Pids => members.Pids;

    public bool SupportsBatchRenew => false;

    public static TimeSpan SessionTimeout => TimeSpan.FromSeconds(30);

    public static async Task<ZooKeeperSystem> StartAsync(Topology topology)
    {
        if (!File.Exists(Jar))
        {
            throw new FileNotFoundException($"{Jar} is missing: install it with bench/compare/run.sh --install (Debian package zookeeper).");
        }

        var members = new Members("zookeeper");
        try
        {
            var count = (int)topology;
            var ports = Members.FreePorts(3 * count);
            var servers = topology == Topology.ThreeNodes
                ? string.Join('\n', Enumerable.Range(0, count).Select(i => $"server.{i + 1}=127.0.0.1:{ports[count + i]}:{ports[2 * count + i]}"))
                : "";
            await members.StartAllAsync(Enumerable.Range(0, count).Select(i => (Func<Task<ChildProcess>>)(() =>
            {
                var directory = Directory.CreateDirectory(Path.Combine(members.DataDirectory, $"m{i + 1}")).FullName;
                var data = Directory.CreateDirectory(Path.Combine(directory, "data")).FullName;
                File.WriteAllText(Path.Combine(data, "myid"), $"{i + 1}\n");
                var config = Path.Combine(directory, "zoo.cfg");
                File.WriteAllText(config, $"""
                    tickTime=2000
                    initLimit=10
                    syncLimit=5
                    dataDir={data}
                    clientPort={ports[i]}
                    clientPortAddress=127.0.0.1
                    maxClientCnxns=0
                    admin.enableServer=false
                    {servers}
                    """);
                var start = new ProcessStartInfo("java",
                    ["-cp", $"/etc/zookeeper/conf:{Jar}", "org.apache.zookeeper.server.quorum.QuorumPeerMain", config]);
                return ChildProcess.StartAsync($"zookeeper m{i + 1}", new IPEndPoint(IPAddress.Loopback, ports[i]), start,
                    AcceptsSessionsAsync, TimeSpan.FromSeconds(90));
            })));
            return new ZooKeeperSystem(members, topology);
        }
        catch
        {
            await members.DisposeAsync();
            throw;
        }
    }

    public async Task<IRegistryClient> ConnectAsync(int index, CancellationToken cancellationToken) =>
        await ZooKeeperRegistryClient.ConnectAsync(members.EndPoints[index % members.EndPoints.Count], cancellationToken);

    public ValueTask DisposeAsync() => members.DisposeAsync();

    /// <summary>Ready once it opens a session: an ensemble member does only when it has a quorum.</summary>
    private static async Task<bool> AcceptsSessionsAsync(IPEndPoint endPoint)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await using var session = await ZooKeeperConnection.ConnectAsync(endPoint, SessionTimeout, timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
