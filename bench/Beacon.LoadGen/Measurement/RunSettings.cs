namespace Beacon.LoadGen.Measurement;

/// <summary>How long and how hard one measured run drives the server.</summary>
public sealed record RunSettings(int Concurrency, TimeSpan Warmup, TimeSpan Duration);
