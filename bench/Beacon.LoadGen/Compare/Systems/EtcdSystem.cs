using System.Diagnostics;
using System.Net;
using Beacon.LoadGen.Compare.Clients;
using Beacon.LoadGen.Processes;

namespace Beacon.LoadGen.Compare.Systems;

/// <summary>
/// etcd from Debian's <c>etcd-server</c> package with its defaults (every write fsynced to its
/// write-ahead log before it is acknowledged), data in a temp folder. A cluster is three members
/// on their own client and peer ports; a write commits on a quorum (2 of 3).
/// </summary>
public sealed class EtcdSystem(Members members, Topology topology) : IRegistrySystem
{
    public const string Executable = "/usr/bin/etcd";

    public string Name => "etcd";

    public Topology Topology => topology;

    public IReadOnlyList<int> Pids => members.Pids;

    public bool SupportsBatchRenew => false;

    /// <summary>Lease ids of registered instances, so a renewal can keep instance n's lease alive.</summary>
    public EtcdLeases Leases { get; } = new();

    public static async Task<EtcdSystem> StartAsync(Topology topology)
    {
        if (!File.Exists(Executable))
        {
            throw new FileNotFoundException($"{Executable} is missing: install it with bench/compare/run.sh --install (Debian package etcd-server).");
        }

        var members = new Members("etcd");
        try
        {
            var count = (int)topology;
            var ports = Members.FreePorts(2 * count);
            var names = Enumerable.Range(1, count).Select(i => $"m{i}").ToArray();
            var cluster = string.Join(',', names.Select((name, i) => $"{name}=http://127.0.0.1:{ports[count + i]}"));
            await members.StartAllAsync(names.Select((name, i) => (Func<Task<ChildProcess>>)(() =>
            {
                var client = $"http://127.0.0.1:{ports[i]}";
                var peer = $"http://127.0.0.1:{ports[count + i]}";
                var start = new ProcessStartInfo(Executable,
                [
                    "--name", name, "--data-dir", Path.Combine(members.DataDirectory, name),
                    "--listen-client-urls", client, "--advertise-client-urls", client,
                    "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                    "--initial-cluster", cluster, "--initial-cluster-state", "new",
                ]);
                // /health answers 200 once the member has a leader.
                return ChildProcess.StartAsync($"etcd {name}", new IPEndPoint(IPAddress.Loopback, ports[i]), start,
                    ChildProcess.HttpProbe("/health"), TimeSpan.FromSeconds(60));
            })));
            return new EtcdSystem(members, topology);
        }
        catch
        {
            await members.DisposeAsync();
            throw;
        }
    }

    public Task<IRegistryClient> ConnectAsync(int index, CancellationToken cancellationToken) =>
        Task.FromResult<IRegistryClient>(new EtcdRegistryClient(members.EndPoints[index % members.EndPoints.Count], Leases));

    public ValueTask DisposeAsync() => members.DisposeAsync();
}

/// <summary>The lease id of each instance registered so far (instances beyond the capacity are not renewed by any scenario).</summary>
public sealed class EtcdLeases
{
    private readonly long[] _ids = new long[200_000];

    public void Set(long n, long leaseId)
    {
        if (n < _ids.Length)
        {
            Volatile.Write(ref _ids[n], leaseId);
        }
    }

    public long Get(long n) => n < _ids.Length ? Volatile.Read(ref _ids[n]) : 0;
}
