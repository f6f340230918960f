namespace Beacon.Client;

/// <summary>The registry rejected a value (a name, an address, a weight...): fix the input, do not retry.</summary>
public sealed class BeaconInvalidArgumentException : BeaconException
{
    /// <summary>Creates the exception.</summary>
    public BeaconInvalidArgumentException(string message, string? field, string problemType, int statusCode)
        : base(message, problemType, statusCode)
    {
        Field = field;
    }

    /// <summary>The field or query parameter at fault, when the registry named it.</summary>
    public string? Field { get; }
}
