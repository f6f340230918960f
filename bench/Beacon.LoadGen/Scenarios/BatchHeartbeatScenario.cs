using System.Text;
using Beacon.LoadGen.Http;
using Beacon.LoadGen.Measurement;

namespace Beacon.LoadGen.Scenarios;

/// <summary>
/// <c>POST /v1/heartbeats</c> renewing 1,000 instances per request (10 services × 100), round-robin
/// over 100,000 registered instances. An operation is one renewal.
/// </summary>
public sealed class BatchHeartbeatScenario : IClosedLoopScenario
{
    private const int Instances = 100_000;
    private const int BatchSize = 1_000;
    private byte[][] _requests = [];
    private int[] _cursors = [];

    public string Name => "batch-heartbeat";

    public int OperationsPerRequest => BatchSize;

    public bool NeedsNode => true;

    public async Task SetUpAsync(LoadTarget target, int concurrency, CancellationToken cancellationToken)
    {
        await Seeder.RegisterAsync(target, 0, Instances, cancellationToken);
        var bodies = Enumerable.Range(0, Instances / BatchSize).Select(batch => BatchBody(batch * BatchSize)).ToArray();
        _requests = [.. bodies.Select(body => RequestWriter.Build("POST", "/v1/heartbeats", target.Host, body))];
        _cursors = [.. Enumerable.Range(0, concurrency).Select(w => w % _requests.Length)];

        var answer = await SetupCheck.SendAsync(target, HttpMethod.Post, "/v1/heartbeats", bodies[0], cancellationToken);
        SetupCheck.Require(answer.Contains($"\"renewed\":{BatchSize}", StringComparison.Ordinal) &&
                           answer.Contains("\"notFound\":[]", StringComparison.Ordinal),
            $"a batch renews all {BatchSize} instances; got {answer}");
    }

    public ReadOnlyMemory<byte> NextRequest(int worker)
    {
        var cursor = _cursors[worker];
        _cursors[worker] = cursor + 1 == _requests.Length ? 0 : cursor + 1;
        return _requests[cursor];
    }

    public bool IsSuccess(in HttpResult result) => result.Status == 200;

    private static byte[] BatchBody(int first)
    {
        var json = new StringBuilder("{\"namespace\":\"default\",\"instances\":[");
        for (var n = first; n < first + BatchSize; n++)
        {
            json.Append(n == first ? "" : ",")
                .Append("{\"service\":\"").Append(InstanceData.ServiceOf(n))
                .Append("\",\"id\":\"").Append(InstanceData.IdOf(n)).Append("\"}");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }
}
