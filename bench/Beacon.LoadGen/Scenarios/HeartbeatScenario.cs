using Beacon.LoadGen.Http;
using Beacon.LoadGen.Measurement;

namespace Beacon.LoadGen.Scenarios;

/// <summary><c>POST …/instances/{id}/heartbeat</c> round-robin over 10,000 registered instances.</summary>
public sealed class HeartbeatScenario : IClosedLoopScenario
{
    private const int Instances = 10_000;
    private byte[][] _requests = [];
    private int[] _cursors = [];

    public string Name => "heartbeat";

    public int OperationsPerRequest => 1;

    public bool NeedsNode => true;

    public async Task SetUpAsync(LoadTarget target, int concurrency, CancellationToken cancellationToken)
    {
        await Seeder.RegisterAsync(target, 0, Instances, cancellationToken);
        _requests = [.. Enumerable.Range(0, Instances).Select(n => RequestWriter.Build(
            "POST", $"/v1/services/{InstanceData.ServiceOf(n)}/instances/{InstanceData.IdOf(n)}/heartbeat", target.Host))];
        // Workers start spread over the instances.
        _cursors = [.. Enumerable.Range(0, concurrency).Select(w => w * (Instances / concurrency))];
        await SetupCheck.SendAsync(target, HttpMethod.Post, "/v1/services/svc0/instances/svc0-0/heartbeat", null, cancellationToken);
    }

    public ReadOnlyMemory<byte> NextRequest(int worker)
    {
        var cursor = _cursors[worker];
        _cursors[worker] = cursor + 1 == Instances ? 0 : cursor + 1;
        return _requests[cursor];
    }

    public bool IsSuccess(in HttpResult result) => result.Status == 200;
}
