using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace Beacon.Cluster.Membership.Sources;

/// <summary>
/// Members from DNS: the A/AAAA records of a name, each with this node's own port (a Kubernetes
/// headless service), or — for a name starting with <c>_</c> — its SRV records' targets and ports.
/// </summary>
internal sealed class DnsSource(string name, int defaultPort) : IMemberSource
{
    private readonly LookupClient _lookup = new(new LookupClientOptions { UseCache = false, Timeout = TimeSpan.FromSeconds(2) });

    public string Name => $"DNS {name}";

    public async Task<IReadOnlyList<string>> ReadAsync(CancellationToken cancellationToken)
    {
        if (name.StartsWith('_'))
        {
            var answer = await _lookup.QueryAsync(name, QueryType.SRV, cancellationToken: cancellationToken);
            return NodeAddress.ParseList(answer.Answers.SrvRecords().Select(r => $"{r.Target.Value.TrimEnd('.')}:{r.Port}"));
        }

        var addresses = await Dns.GetHostAddressesAsync(name, cancellationToken);
        return NodeAddress.ParseList(addresses
            .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Select(a => new IPEndPoint(a, defaultPort).ToString()));
    }
}
