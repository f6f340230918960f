using Beacon.Cluster.Membership;
using Beacon.Cluster.Membership.Sources;
using Beacon.Core.Model;
using Beacon.Core.Registry;
using Microsoft.Extensions.Logging;

namespace Beacon.Cluster.Hosting;

/// <summary>
/// The node registers itself as an instance of service <c>beacon</c> in namespace <c>system</c>,
/// renews itself like any client, and deregisters on a graceful stop. Replication spreads the
/// registration, so every node (and every SDK) learns the members from the registry itself.
/// </summary>
internal sealed class SelfRegistration(ServiceRegistry registry, MemberSet members, ClusterOptions options, TimeProvider time, ILogger<SelfRegistration> logger)
{
    private string Id => members.Self.Id;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Register();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.SelfLeaseSeconds / 3)), time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (registry.Renew(RegistrySource.Namespace, RegistrySource.Service, Id) == RenewOutcome.NotFound)
            {
                Register();
            }
        }
    }

    public void Deregister()
    {
        if (registry.Deregister(RegistrySource.Namespace, RegistrySource.Service, Id))
        {
            Log.SelfDeregistered(logger);
        }
    }

    private void Register() => registry.Register(new InstanceRegistration
    {
        Namespace = RegistrySource.Namespace,
        Service = RegistrySource.Service,
        Id = Id,
        Zone = members.Self.Zone,
        Addresses = [members.Self.BaseAddress.ToString().TrimEnd('/')],
        LeaseSeconds = options.SelfLeaseSeconds,
        Version = typeof(SelfRegistration).Assembly.GetName().Version?.ToString(),
    });
}
