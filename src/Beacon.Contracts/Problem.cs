namespace Beacon.Contracts;

/// <summary>An RFC 9457 <c>application/problem+json</c> error as Beacon writes it.</summary>
public sealed record Problem
{
    /// <summary>One of <see cref="ProblemTypes"/>.</summary>
    public string? Type { get; init; }

    /// <summary>A short summary of the problem type.</summary>
    public string? Title { get; init; }

    /// <summary>The HTTP status code.</summary>
    public int? Status { get; init; }

    /// <summary>What went wrong in this request, in words a person can act on.</summary>
    public string? Detail { get; init; }

    /// <summary>For invalid arguments: the field (JSON path or query parameter) at fault.</summary>
    public string? Field { get; init; }
}
