using Beacon.Cluster.Peers;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.TestKit;

/// <summary>
/// Several real Beacon nodes in this process, on their own loopback ports, told each other's
/// addresses, with fast timings (probes every 100 ms, anti-entropy every 500 ms) so tests settle in
/// well under a second. Each node's peer traffic goes through a <see cref="PeerFaults"/> handler.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<BeaconTestNode> _nodes = [];
    private readonly List<PeerFaults> _faults = [];

    private TestCluster(IReadOnlyList<int> ports) => Ports = ports;

    public IReadOnlyList<int> Ports { get; }

    public IReadOnlyList<BeaconTestNode> Nodes => _nodes;

    public BeaconTestNode this[int index] => _nodes[index];

    /// <summary>The fault injector of node <paramref name="index"/>'s outgoing peer traffic.</summary>
    public PeerFaults Faults(int index) => _faults[index];

    public static string NodeId(int port) => $"127.0.0.1:{port}";

    /// <summary>The settings every test node gets; tests add or override.</summary>
    public static Dictionary<string, string?> FastSettings(IEnumerable<int> ports) => new()
    {
        ["Beacon:Cluster:Nodes"] = string.Join(",", ports.Select(NodeId)),
        ["Beacon:Cluster:ProbeInterval"] = "00:00:00.100",
        ["Beacon:Cluster:ProbeTimeout"] = "00:00:00.300",
        ["Beacon:Cluster:SuspectAfter"] = "00:00:00.400",
        ["Beacon:Cluster:DownAfter"] = "00:00:01",
        ["Beacon:Cluster:AntiEntropyInterval"] = "00:00:00.500",
        ["Beacon:Cluster:AntiEntropySettle"] = "00:00:00.500",
        ["Beacon:Cluster:StartupSyncTimeout"] = "00:00:01",
        ["Beacon:Cluster:SelfLeaseSeconds"] = "3",
        ["Beacon:Cluster:ReplicationTimeout"] = "00:00:02",
        ["Beacon:Registry:EvictionInterval"] = "00:00:00.200",
    };

    /// <summary>
    /// Starts <paramref name="count"/> nodes one after another (each may copy the registry from those
    /// before it) and waits until every node sees every other as up.
    /// </summary>
    public static async Task<TestCluster> StartAsync(int count, Action<int, Dictionary<string, string?>>? configure = null)
    {
        var ports = Enumerable.Range(0, count).Select(_ => TestKit.Ports.Free()).ToArray();
        var cluster = new TestCluster(ports);
        try
        {
            for (var i = 0; i < count; i++)
            {
                await cluster.StartNodeAsync(i, configure);
            }

            await cluster.WaitAllUpAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts node <paramref name="index"/> (again, after it was stopped, with a fresh, empty registry).
    /// <paramref name="faults"/>: its peer traffic's fault injector, when a test must set it up before
    /// the node's first request (its start-up copy).
    /// </summary>
    public async Task<BeaconTestNode> StartNodeAsync(int index, Action<int, Dictionary<string, string?>>? configure = null, PeerFaults? faults = null)
    {
        var settings = FastSettings(Ports);
        settings["urls"] = $"http://127.0.0.1:{Ports[index]}";
        settings["Beacon:NodeId"] = NodeId(Ports[index]);
        configure?.Invoke(index, settings);
        faults ??= new PeerFaults();
        var node = await BeaconTestNode.StartAsync(settings, services: s =>
            s.AddSingleton(new PeerClient(new HttpClient(faults) { Timeout = TimeSpan.FromSeconds(2) })));
        if (index < _nodes.Count)
        {
            _nodes[index] = node;
            _faults[index] = faults;
        }
        else
        {
            _nodes.Add(node);
            _faults.Add(faults);
        }

        return node;
    }

    /// <summary>Waits until every running node is ready and reports every other running node up.</summary>
    public Task WaitAllUpAsync() => Eventually.TrueAsync(async () =>
    {
        var running = _nodes.Where(n => !n.Stopped).ToList();
        foreach (var node in running)
        {
            if (!(await node.Client.GetAsync("/readyz")).IsSuccessStatusCode)
            {
                return false;
            }

            var members = await node.MembersAsync();
            var up = members.Members.Where(m => m.State == Contracts.MemberState.Up).Select(m => m.NodeId).ToHashSet();
            if (!running.All(n => up.Contains(NodeId(n.BaseAddress.Port))))
            {
                return false;
            }
        }

        return true;
    }, "every node sees every other up");

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}
