using Beacon.Cluster.Hosting;
using Beacon.Cluster.Membership.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Beacon.Cluster.Membership;

/// <summary>
/// Reads the dynamic member sources (file, address server, DNS) every
/// <see cref="ClusterOptions.DiscoveryInterval"/> and the registry's own <c>beacon</c> service every
/// second, and feeds each answer to the <see cref="MemberSet"/>. A failing source keeps its last list.
/// </summary>
internal sealed class MembershipRefresher(
    MemberSet members,
    IEnumerable<IMemberSource> sources,
    ClusterOptions options,
    TimeProvider time,
    ILogger<MembershipRefresher> logger) : BackgroundService
{
    private readonly Dictionary<string, long> _lastRead = new(StringComparer.Ordinal);

    /// <summary>Reads every source once; the host calls it before the node starts syncing.</summary>
    public async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        var now = members.NowMs;
        foreach (var source in sources)
        {
            var interval = source is RegistrySource ? 1000 : (long)options.DiscoveryInterval.TotalMilliseconds;
            if (!force && _lastRead.TryGetValue(source.Name, out var last) && now - last < interval)
            {
                continue;
            }

            _lastRead[source.Name] = now;
            try
            {
                members.SetSource(source.Name, await source.ReadAsync(cancellationToken));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Log.SourceFailed(logger, source.Name, e.Message);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        members.Changed += () => Log.MembersChanged(logger, string.Join(", ", members.All.Select(m => m.Id)));
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RefreshAsync(force: false, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
