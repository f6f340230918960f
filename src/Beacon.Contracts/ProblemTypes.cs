namespace Beacon.Contracts;

/// <summary>
/// The <c>type</c> values of the <c>application/problem+json</c> errors Beacon answers, so that
/// clients can tell errors apart without parsing messages.
/// </summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:beacon:problem:";

    /// <summary>400: a field breaks a rule; <c>field</c> in the problem names it.</summary>
    public const string InvalidArgument = Prefix + "invalid-argument";

    /// <summary>400: the body is not valid JSON or has a value of the wrong type.</summary>
    public const string MalformedBody = Prefix + "malformed-body";

    /// <summary>404: the instance is unknown; a heartbeat that gets this must register again.</summary>
    public const string InstanceNotFound = Prefix + "instance-not-found";

    /// <summary>404: the service is unknown in the namespace.</summary>
    public const string ServiceNotFound = Prefix + "service-not-found";

    /// <summary>404: the namespace has never held a service.</summary>
    public const string NamespaceNotFound = Prefix + "namespace-not-found";

    /// <summary>410: the requested revision is older than the node's change history (or foreign).</summary>
    public const string HistoryGone = Prefix + "history-gone";

    /// <summary>413: the request body is larger than the endpoint allows.</summary>
    public const string BodyTooLarge = Prefix + "body-too-large";

    /// <summary>415: the body is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";

    /// <summary>503: the node is starting and has not loaded the registry from its peers yet.</summary>
    public const string NotReady = Prefix + "not-ready";

    /// <summary>The name after the <c>urn:beacon:problem:</c> prefix, e.g. <c>instance-not-found</c>.</summary>
    public static string ShortName(string type) =>
        type.StartsWith(Prefix, StringComparison.Ordinal) ? type[Prefix.Length..] : type;
}
