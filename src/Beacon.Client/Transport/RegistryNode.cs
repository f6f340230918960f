namespace Beacon.Client.Transport;

/// <summary>One registry node as the client sees it: where it is and how it has been doing lately.</summary>
internal sealed class RegistryNode(Uri baseAddress, bool isSeed)
{
    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>Configured by the user (kept forever) rather than learned from the cluster.</summary>
    public bool IsSeed { get; } = isSeed;

    /// <summary>Failures in a row; guarded by the selector's lock.</summary>
    public int Failures { get; set; }

    /// <summary>Timestamp (of the selector's <see cref="TimeProvider"/>) before which the node is avoided.</summary>
    public long AvoidUntil { get; set; }

    public override string ToString() => BaseAddress.ToString();
}
