using Beacon.Cluster.Membership.Sources;
using Beacon.Core;
using Beacon.Core.Model;
using Beacon.Core.Registry;

namespace Beacon.Cluster.Membership;

/// <summary>
/// Who may evict what in a cluster. Only the instance's responsible node evicts it, so a node cut
/// off from the rest cannot evict the world, and no instance is evicted twice. And the responsible
/// node leaves an instance alone while the node its heartbeats last arrived at is not up: they may
/// still be arriving there (a partition, not a death), nor until that node has been up again for a
/// whole lease (after a partition heals, the renewals it received meanwhile are still on their way) —
/// unless it has been silent for the self-preservation ceiling (1 h), the bound for a node that died
/// with its instances.
/// A node's own registration in service <c>beacon</c> is the exception: it reports exactly whether
/// that node is reachable, so it expires by its lease alone.
/// </summary>
internal sealed class ClusterEvictionPolicy(Responsibility responsibility, MemberSet members, RegistryOptions options) : IEvictionPolicy
{
    private readonly long _ceilingMs = (long)options.SelfPreservation.Ceiling.TotalMilliseconds;

    public bool MayEvict(Instance instance, long silentMs)
    {
        if (!responsibility.IsSelfResponsible(instance.KeyHash))
        {
            return false;
        }

        if (instance.Namespace == RegistrySource.Namespace && instance.Service == RegistrySource.Service)
        {
            return true;
        }

        var via = instance.Lease.RenewedVia;
        if (via == members.Self.Id || silentMs > _ceilingMs)
        {
            return true;
        }

        // A node that left the member list is not coming back to renew anything.
        return members.Find(via) is not { } node ||
               (members.IsUp(node) && members.NowMs - node.UpSinceMs >= instance.LeaseSeconds * 1000L);
    }
}
