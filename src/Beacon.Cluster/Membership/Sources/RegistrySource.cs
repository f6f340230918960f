using Beacon.Core.Registry;

namespace Beacon.Cluster.Membership.Sources;

/// <summary>
/// Self-discovery: the nodes registered as service <c>beacon</c> in namespace <c>system</c> (every node
/// registers itself there, and replication spreads it), with their zones.
/// </summary>
internal sealed class RegistrySource(ServiceRegistry registry, MemberSet members) : IMemberSource
{
    public const string Namespace = "system";
    public const string Service = "beacon";

    public string Name => "registry";

    public Task<IReadOnlyList<string>> ReadAsync(CancellationToken cancellationToken)
    {
        var instances = registry.FindService(Namespace, Service)?.Snapshot.Instances ?? SortedInstances.Empty;
        var ids = new List<string>();
        foreach (var instance in instances)
        {
            if (instance.Addresses.Length > 0 && NodeAddress.TryNormalize(instance.Addresses[0], out var id))
            {
                ids.Add(id);
                if (members.Find(id) is { Zone: null } member)
                {
                    member.Zone = instance.Zone;
                }
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(ids);
    }
}
