using System.Diagnostics.Metrics;
using Beacon.Core.Registry;

namespace Beacon.Server.Metrics;

public sealed partial class BeaconMetrics
{
    /// <summary>Observable instruments over the registry: read at scrape time, free on the hot path.</summary>
    private void ObserveRegistry(ServiceRegistry registry)
    {
        _meter.CreateObservableGauge("beacon.registry.instances", () => PerNamespace(registry, s => s.Instances.Length),
            "{instance}", "Registered instances, by namespace");
        _meter.CreateObservableGauge("beacon.registry.instances.passing", () => PerNamespace(registry, s => s.PassingCount),
            "{instance}", "Instances that discovery returns by default (UP and healthy), by namespace");
        _meter.CreateObservableGauge("beacon.registry.services", () => PerNamespace(registry, s => s.Instances.Length > 0 ? 1 : 0),
            "{service}", "Services with at least one instance, by namespace");

        _meter.CreateObservableCounter("beacon.registry.renewals", () => registry.SelfPreservation.TotalRenewals,
            "{renewal}", "Heartbeats received (single and batched); rate() gives renewals per second");
        _meter.CreateObservableCounter("beacon.registry.evictions", () => registry.Evictions,
            "{instance}", "Instances evicted because their lease expired");
        _meter.CreateObservableCounter("beacon.registry.changes", () => registry.Changes.Revision - registry.Changes.BaseRevision,
            "{change}", "Changes committed (registrations, updates, deregistrations, evictions)");

        // Self-preservation: evaluated per observation, as /v1/status does (a lock and a little arithmetic).
        _meter.CreateObservableGauge("beacon.self_preservation.active", () => registry.EvaluateSelfPreservation().Active ? 1 : 0,
            description: "1 while eviction is suspended because too few renewals arrive");
        _meter.CreateObservableGauge("beacon.self_preservation.warming_up", () => registry.EvaluateSelfPreservation().WarmingUp ? 1 : 0,
            description: "1 during the warm-up after start, when the renewal rate is not judged");
        _meter.CreateObservableGauge("beacon.self_preservation.expected_renewals_per_minute", () => registry.EvaluateSelfPreservation().ExpectedPerMinute,
            description: "Renewals per minute the live instances promise (sum of 60 / heartbeatSeconds)");
        _meter.CreateObservableGauge("beacon.self_preservation.actual_renewals_per_minute", () => registry.EvaluateSelfPreservation().ActualPerMinute,
            description: "Renewals received over the last minute");
        _meter.CreateObservableGauge("beacon.self_preservation.threshold", () => registry.Options.SelfPreservation.Threshold,
            description: "Fraction of expected renewals below which self-preservation turns on");
    }

    private static IEnumerable<Measurement<int>> PerNamespace(ServiceRegistry registry, Func<ServiceSnapshot, int> count)
    {
        foreach (var ns in registry.Namespaces)
        {
            var total = 0;
            foreach (var service in ns.Services)
            {
                total += count(service.Snapshot);
            }

            yield return new Measurement<int>(total, new KeyValuePair<string, object?>("namespace", ns.Name));
        }
    }
}
