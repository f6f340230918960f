namespace Beacon.Cli;

/// <summary>A command line that parses but makes no sense (bad URL, bad <c>k=v</c>): exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
