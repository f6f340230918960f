using Beacon.LoadGen.Http;
using Beacon.LoadGen.Measurement;

namespace Beacon.LoadGen.Scenarios;

/// <summary>
/// <c>GET /v1/services/svc0</c>: discovery of a service of 100 instances with a little metadata each;
/// with <paramref name="gzip"/>, asking for the answer compressed (<c>Accept-Encoding: gzip</c>).
/// </summary>
public sealed class FetchScenario(bool gzip = false) : IClosedLoopScenario
{
    private byte[] _request = [];
    private long _expectedLength;

    public string Name => gzip ? "fetch-gzip" : "fetch";

    public int OperationsPerRequest => 1;

    public bool NeedsNode => true;

    public async Task SetUpAsync(LoadTarget target, int concurrency, CancellationToken cancellationToken)
    {
        await Seeder.RegisterAsync(target, 0, InstanceData.InstancesPerService, cancellationToken);
        _request = gzip
            ? RequestWriter.BuildGet("/v1/services/svc0", target.Host, "Accept-Encoding: gzip")
            : RequestWriter.Build("GET", "/v1/services/svc0", target.Host);
        var answer = await SetupCheck.SendAsync(target, HttpMethod.Get, "/v1/services/svc0", null, cancellationToken);
        var instances = System.Text.Json.JsonDocument.Parse(answer).RootElement.GetProperty("instances").GetArrayLength();
        SetupCheck.Require(instances == InstanceData.InstancesPerService, $"the service answers 100 instances; got {instances}");
        await using var probe = await RawHttpConnection.ConnectAsync(target.EndPoint, cancellationToken);
        _expectedLength = (await probe.SendAsync(_request, cancellationToken)).BodyLength;
    }

    public ReadOnlyMemory<byte> NextRequest(int worker) => _request;

    // The length moves by a few bytes when lastRenewedAt changes digits; a short answer is an error.
    public bool IsSuccess(in HttpResult result) => result.Status == 200 && result.BodyLength > _expectedLength * 9 / 10;
}
