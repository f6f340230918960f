using Beacon.Contracts;

namespace Beacon.Cli.Http;

/// <summary>The server answered with an error status; <see cref="Problem"/> says why.</summary>
public sealed class ServerProblemException(int status, Problem problem)
    : Exception(problem.Detail ?? problem.Title ?? $"The server answered {status}.")
{
    public int Status { get; } = status;

    public Problem Problem { get; } = problem;

    /// <summary>True for the problem type <paramref name="type"/> (see <see cref="ProblemTypes"/>).</summary>
    public bool Is(string type) => string.Equals(Problem.Type, type, StringComparison.Ordinal);
}
