using System.Runtime.CompilerServices;
using Beacon.LoadGen.Http;
using Beacon.LoadGen.Scenarios;

namespace Beacon.LoadGen.Measurement;

/// <summary>An HTTP scenario of prepared requests as a workload: each worker sends its next request and checks the status.</summary>
public sealed class HttpScenarioWorkload(LoadTarget target, IClosedLoopScenario scenario) : IWorkload
{
    public string Name => scenario.Name;

    public int OperationsPerRequest => scenario.OperationsPerRequest;

    public async Task<IOperationWorker[]> OpenWorkersAsync(int count, CancellationToken cancellationToken)
    {
        var connections = await target.ConnectAsync(count, cancellationToken);
        return [.. connections.Select((connection, index) => (IOperationWorker)new Worker(index, connection, scenario))];
    }

    private sealed class Worker(int index, ILoadConnection connection, IClosedLoopScenario scenario) : IOperationWorker
    {
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<bool> ExecuteAsync(CancellationToken cancellationToken)
        {
            var result = await connection.SendAsync(scenario.NextRequest(index), cancellationToken);
            return scenario.IsSuccess(result);
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
