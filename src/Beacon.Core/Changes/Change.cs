using Beacon.Contracts;
using Beacon.Core.Model;
using Beacon.Core.Versioning;

namespace Beacon.Core.Changes;

/// <summary>One change to one instance.</summary>
/// <param name="Revision">The node-local revision of the change.</param>
/// <param name="Op">What happened.</param>
/// <param name="Instance">The instance after the change; for removals, its last state.</param>
/// <param name="Stamp">The cluster-wide version stamp of the change (for removals: of the tombstone).</param>
/// <param name="Replicated">True when a peer made the change and this node applied it: never replicated again.</param>
public sealed record Change(long Revision, ChangeOp Op, Instance Instance, Stamp Stamp, bool Replicated)
{
    public bool IsRemoval => Op is ChangeOp.Deregistered or ChangeOp.Evicted;
}
