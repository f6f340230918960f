using Beacon.Contracts;

namespace Beacon.Client.Transport;

/// <summary>What one read of a service answered.</summary>
internal readonly record struct PollResult(PollOutcome Outcome, ServiceInstances? Service, Uri Node);

internal enum PollOutcome
{
    /// <summary>A full list (the service changed, or the read did not block).</summary>
    Changed,

    /// <summary>The long poll timed out: nothing changed.</summary>
    NotModified,

    /// <summary>The node does not know the service (or its namespace).</summary>
    NotFound,
}
