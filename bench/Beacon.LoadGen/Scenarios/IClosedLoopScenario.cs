using Beacon.LoadGen.Http;
using Beacon.LoadGen.Measurement;

namespace Beacon.LoadGen.Scenarios;

/// <summary>
/// A scenario in which each worker sends a request, waits for its response and sends the next
/// (closed loop). Requests are prepared bytes, so the measuring loop allocates nothing.
/// </summary>
public interface IClosedLoopScenario
{
    string Name { get; }

    /// <summary>Operations one request does: 1, or the renewals of a batch.</summary>
    int OperationsPerRequest { get; }

    /// <summary>Whether the server starts a fresh node for this scenario (false: the trivial endpoint).</summary>
    bool NeedsNode { get; }

    /// <summary>Prepares the server (registers what the scenario needs) and the requests.</summary>
    Task SetUpAsync(LoadTarget target, int concurrency, CancellationToken cancellationToken);

    /// <summary>The next request of <paramref name="worker"/>; called only by that worker.</summary>
    ReadOnlyMemory<byte> NextRequest(int worker);

    bool IsSuccess(in HttpResult result);
}
