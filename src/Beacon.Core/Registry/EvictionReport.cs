using Beacon.Core.SelfPreservation;

namespace Beacon.Core.Registry;

/// <summary>What one eviction sweep found and did.</summary>
/// <param name="Expired">Instances whose lease had run out.</param>
/// <param name="Evicted">Instances removed (at most the per-sweep cap).</param>
/// <param name="Protected">Expired instances kept because self-preservation is active.</param>
/// <param name="Deferred">Expired instances the <see cref="IEvictionPolicy"/> left to another node (or to later).</param>
/// <param name="SelfPreservation">The self-preservation state the sweep acted on.</param>
public readonly record struct EvictionReport(int Expired, int Evicted, int Protected, int Deferred, SelfPreservationState SelfPreservation);
