namespace Beacon.LoadGen.Measurement;

/// <summary>One measured run of a closed-loop scenario.</summary>
/// <param name="Warmup">How long the load ran before the measured window (see ClosedLoopRunner.WarmUpAsync).</param>
/// <param name="OperationsPerSecond">Operations (requests × operations per request) per second.</param>
/// <param name="RequestsPerSecond">HTTP requests per second.</param>
/// <param name="P50Microseconds">Median request latency.</param>
/// <param name="P99Microseconds">99th percentile request latency.</param>
/// <param name="ServerCpuMicrosecondsPerOperation">Server CPU (user + system) per operation; NaN when unknown.</param>
/// <param name="ClientCpuMicrosecondsPerOperation">The load generator's own CPU per operation (its whole process).</param>
/// <param name="Errors">Responses with an unexpected status.</param>
public sealed record RunResult(
    TimeSpan Warmup,
    double OperationsPerSecond,
    double RequestsPerSecond,
    double P50Microseconds,
    double P99Microseconds,
    double ServerCpuMicrosecondsPerOperation,
    double ClientCpuMicrosecondsPerOperation,
    long Errors);
