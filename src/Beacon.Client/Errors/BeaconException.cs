namespace Beacon.Client;

/// <summary>
/// A request to the registry failed. <see cref="ProblemType"/> (one of
/// <see cref="Beacon.Contracts.ProblemTypes"/>) tells errors apart without parsing messages.
/// </summary>
public class BeaconException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BeaconException(string message, string? problemType = null, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ProblemType = problemType;
        StatusCode = statusCode;
    }

    /// <summary>The problem <c>type</c> the registry answered, or null when it gave none.</summary>
    public string? ProblemType { get; }

    /// <summary>The HTTP status the registry answered, or null when no node answered.</summary>
    public int? StatusCode { get; }
}
