using Beacon.LoadGen.Http;
using Beacon.LoadGen.Measurement;

namespace Beacon.LoadGen.Scenarios;

/// <summary><c>GET /</c> of the trivial Kestrel endpoint: the ceiling of HTTP on this machine.</summary>
public sealed class TrivialScenario : IClosedLoopScenario
{
    private byte[] _request = [];

    public string Name => "trivial";

    public int OperationsPerRequest => 1;

    public bool NeedsNode => false;

    public Task SetUpAsync(LoadTarget target, int concurrency, CancellationToken cancellationToken)
    {
        _request = RequestWriter.Build("GET", "/", target.Host);
        return Task.CompletedTask;
    }

    public ReadOnlyMemory<byte> NextRequest(int worker) => _request;

    public bool IsSuccess(in HttpResult result) => result.Status == 200 && result.BodyLength == 2;
}
