namespace Beacon.Contracts;

/// <summary>HTTP headers of the Beacon API.</summary>
public static class BeaconHeaders
{
    /// <summary>On reads: the revision the answer reflects (a service's, or the node's for lists).</summary>
    public const string Revision = "X-Beacon-Revision";

    /// <summary>The id of the node that answered.</summary>
    public const string Node = "X-Beacon-Node";
}
