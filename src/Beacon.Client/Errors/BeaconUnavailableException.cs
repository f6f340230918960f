namespace Beacon.Client;

/// <summary>
/// No registry node answered (every node was unreachable, timed out, starting or failing). The client
/// keeps retrying in the background; cached service lists keep being served meanwhile.
/// </summary>
public sealed class BeaconUnavailableException : BeaconException
{
    /// <summary>Creates the exception.</summary>
    public BeaconUnavailableException(string message, Exception? innerException = null)
        : base(message, problemType: null, statusCode: null, innerException)
    {
    }
}
