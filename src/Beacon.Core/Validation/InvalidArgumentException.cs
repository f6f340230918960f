namespace Beacon.Core.Validation;

/// <summary>Input breaks a rule. <see cref="Field"/> names the field, the message states the rule.</summary>
public sealed class InvalidArgumentException : Exception
{
    public InvalidArgumentException(string field, string message)
        : base(message) => Field = field;

    public InvalidArgumentException()
        : this("", "Invalid argument.")
    {
    }

    public InvalidArgumentException(string message)
        : this("", message)
    {
    }

    public InvalidArgumentException(string message, Exception innerException)
        : base(message, innerException) => Field = "";

    /// <summary>The field at fault, as the API names it (e.g. <c>metadata</c>, <c>addresses[2]</c>).</summary>
    public string Field { get; }
}
