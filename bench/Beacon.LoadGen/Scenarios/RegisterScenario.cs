using Beacon.LoadGen.Http;
using Beacon.LoadGen.Measurement;

namespace Beacon.LoadGen.Scenarios;

/// <summary>
/// <c>PUT /v1/services/{service}/instances/{id}</c> of a new instance each time (~200-byte body).
/// Instances fill services 100 at a time, so the registry grows as a real one does: many services
/// of bounded size, never one service of millions.
/// </summary>
public sealed class RegisterScenario : IClosedLoopScenario
{
    private string _host = "";
    private byte[][] _requests = [];
    private byte[][] _bodies = [];
    private long _next = -1;

    public string Name => "register";

    public int OperationsPerRequest => 1;

    public bool NeedsNode => true;

    public async Task SetUpAsync(LoadTarget target, int concurrency, CancellationToken cancellationToken)
    {
        _host = target.Host;
        _requests = [.. Enumerable.Range(0, concurrency).Select(_ => new byte[2048])];
        _bodies = [.. Enumerable.Range(0, concurrency).Select(_ => new byte[1024])];
        var body = new byte[1024];
        var length = InstanceData.WriteBody(body, 0);
        var answer = await SetupCheck.SendAsync(target, HttpMethod.Put, "/v1/services/check/instances/check-0",
            body[..length], cancellationToken);
        SetupCheck.Require(answer.Contains("\"zone\":\"eu-1a\"", StringComparison.Ordinal), "a registration is stored");
    }

    // Continues numbering across runs: every request registers an instance the node has not seen.
    public ReadOnlyMemory<byte> NextRequest(int worker)
    {
        var n = Interlocked.Increment(ref _next);
        var length = InstanceData.WriteRegisterRequest(_requests[worker], _bodies[worker], n, _host);
        return _requests[worker].AsMemory(0, length);
    }

    public bool IsSuccess(in HttpResult result) => result.Status == 201;
}
