namespace Beacon.Cluster.Membership;

/// <summary>What this node believes of a peer, from how recently it heard from it.</summary>
public enum MemberState
{
    /// <summary>Heard from within <see cref="Hosting.ClusterOptions.SuspectAfter"/>.</summary>
    Up,

    /// <summary>Silent for a little while: keeps its responsibilities, its instances are not evicted.</summary>
    Suspect,

    /// <summary>Silent for <see cref="Hosting.ClusterOptions.DownAfter"/> (or never reached): its responsibilities move.</summary>
    Down,
}
