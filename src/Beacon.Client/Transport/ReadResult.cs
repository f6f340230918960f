using Beacon.Contracts;

namespace Beacon.Client.Transport;

/// <summary>What one read of a service answered.</summary>
internal readonly record struct ReadResult(ReadOutcome Outcome, ServiceInstances? Service, Uri Node);

internal enum ReadOutcome
{
    /// <summary>A full list.</summary>
    Changed,

    /// <summary>The node does not know the service (or its namespace).</summary>
    NotFound,
}
