using Beacon.Cluster.AntiEntropy;
using Beacon.Cluster.Membership;
using Beacon.Cluster.Membership.Sources;
using Beacon.Cluster.Peers;
using Beacon.Cluster.Replication;
using Beacon.Core;
using Beacon.Core.Registry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Beacon.Cluster.Hosting;

/// <summary>Registers the cluster's services.</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>True when <c>Beacon:Cluster</c> names any member source.</summary>
    public static bool IsClusterEnabled(IConfiguration configuration) =>
        (configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>() ?? new()).Enabled;

    /// <summary>
    /// Adds the cluster when <c>Beacon:Cluster</c> names a member source; otherwise adds nothing and
    /// the node runs alone. Call before the server's own registrations, so the node starts not ready.
    /// </summary>
    public static IServiceCollection AddBeaconCluster(this IServiceCollection services, IConfiguration configuration)
    {
        if (!IsClusterEnabled(configuration))
        {
            return services;
        }

        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ClusterOptions>>().Value);
        services.TryAddSingleton(new NodeReadiness(ready: false));
        services.TryAddSingleton<IClusterMetrics, NoClusterMetrics>();

        services.AddSingleton(sp =>
        {
            var registry = sp.GetRequiredService<ServiceRegistry>();
            var options = sp.GetRequiredService<ClusterOptions>();
            var members = new MemberSet(registry.NodeId, registry.Options.Zone, options, sp.GetRequiredService<TimeProvider>());
            members.SetSource("static", NodeAddress.ParseList(options.StaticNodes));
            return members;
        });
        services.AddSingleton(sp => new Responsibility(sp.GetRequiredService<MemberSet>()));
        services.AddSingleton(sp => new PeerClient(PeerHttp.Create(
            PeerHttp.BindAddressFromUrls(configuration["urls"]),
            sp.GetRequiredService<ClusterOptions>().ReplicationTimeout)));
        services.AddSingleton<Replicator>();
        services.AddSingleton(sp => new ClusterEvictionPolicy(
            sp.GetRequiredService<Responsibility>(), sp.GetRequiredService<MemberSet>(), sp.GetRequiredService<ServiceRegistry>().Options));
        services.AddSingleton<StartupSync>();
        services.AddSingleton<SelfRegistration>();

        services.AddSingleton<IMemberSource>(sp => new RegistrySource(sp.GetRequiredService<ServiceRegistry>(), sp.GetRequiredService<MemberSet>()));
        var cluster = configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>()!;
        if (!string.IsNullOrWhiteSpace(cluster.NodesFile))
        {
            services.AddSingleton<IMemberSource>(new FileSource(cluster.NodesFile));
        }

        if (!string.IsNullOrWhiteSpace(cluster.AddressServer))
        {
            services.AddSingleton<IMemberSource>(sp => new AddressServerSource(
                PeerHttp.Create(PeerHttp.BindAddressFromUrls(configuration["urls"]), TimeSpan.FromSeconds(5)), new Uri(cluster.AddressServer)));
        }

        if (!string.IsNullOrWhiteSpace(cluster.Dns))
        {
            services.AddSingleton<IMemberSource>(sp => new DnsSource(cluster.Dns, sp.GetRequiredService<MemberSet>().Self.BaseAddress.Port));
        }

        services.AddSingleton<MembershipRefresher>();
        services.AddSingleton<AntiEntropyService>();
        services.AddSingleton<ClusterNode>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterNode>());
        services.AddHostedService(sp => sp.GetRequiredService<MembershipRefresher>());
        services.AddHostedService<LivenessProber>();
        services.AddHostedService(sp => sp.GetRequiredService<AntiEntropyService>());
        return services;
    }
}
