namespace Beacon.Client;

/// <summary>
/// The registry does not know the instance, service or namespace; <see cref="BeaconException.ProblemType"/>
/// says which.
/// </summary>
public sealed class BeaconNotFoundException : BeaconException
{
    /// <summary>Creates the exception.</summary>
    public BeaconNotFoundException(string message, string problemType, int statusCode)
        : base(message, problemType, statusCode)
    {
    }
}
