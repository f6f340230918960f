using Beacon.LoadGen.Measurement;
using Beacon.LoadGen.Scenarios;

namespace Beacon.LoadGen.Compare.Runs;

/// <summary>The closed-loop scenarios of the comparison: each prepares a fresh system and returns what the runner drives.</summary>
public static class ClosedLoopScenarios
{
    /// <summary>Instances the renew scenario renews round-robin (100 services × 100).</summary>
    public const int RenewedInstances = 10_000;

    /// <summary>Instances the batch scenario renews, 1,000 a request (1,000 services × 100).</summary>
    public const int BatchRenewedInstances = 100_000;

    public const int BatchSize = 1_000;

    public static readonly string[] Names = ["register", "renew", "renew-batch", "discover"];

    /// <summary>Whether <paramref name="system"/> can run <paramref name="scenario"/> (batches are Beacon's).</summary>
    public static bool Applies(string scenario, IRegistrySystem system) => scenario != "renew-batch" || system.SupportsBatchRenew;

    /// <summary>
    /// Registers what the scenario needs, waits until every member holds it, and returns the workload
    /// and the clients that registered it (dispose at the case's end: see <see cref="KeptClients"/>).
    /// </summary>
    public static async Task<(IWorkload Workload, KeptClients? Seeded)> PrepareAsync(string scenario, IRegistrySystem system, int concurrency, CancellationToken cancellationToken)
    {
        switch (scenario)
        {
            case "register":
            {
                // A new instance every operation; services fill 100 at a time.
                var next = new Counter(0);
                return (new ClientWorkload(scenario, 1, system, (client, _, ct) => client.RegisterAsync(next.Next(), ct)), null);
            }

            case "renew":
            {
                var seeded = await Seeding.RegisterAsync(system, 0, RenewedInstances, cancellationToken);
                await Seeding.WaitUntilEveryMemberHoldsAsync(system, (RenewedInstances / InstanceData.InstancesPerService) - 1, InstanceData.InstancesPerService, cancellationToken);
                var cursors = new Cursors(concurrency, RenewedInstances);
                return (new ClientWorkload(scenario, 1, system, (client, worker, ct) => client.RenewAsync(cursors.Next(worker), ct)), seeded);
            }

            case "renew-batch":
            {
                var seeded = await Seeding.RegisterAsync(system, 0, BatchRenewedInstances, cancellationToken);
                await Seeding.WaitUntilEveryMemberHoldsAsync(system, (BatchRenewedInstances / InstanceData.InstancesPerService) - 1, InstanceData.InstancesPerService, cancellationToken);
                var cursors = new Cursors(concurrency, BatchRenewedInstances / BatchSize);
                return (new ClientWorkload(scenario, BatchSize, system, (client, worker, ct) => client.RenewBatchAsync(cursors.Next(worker) * BatchSize, BatchSize, ct)), seeded);
            }

            case "discover":
            {
                var seeded = await Seeding.RegisterAsync(system, 0, InstanceData.InstancesPerService, cancellationToken);
                await Seeding.WaitUntilEveryMemberHoldsAsync(system, 0, InstanceData.InstancesPerService, cancellationToken);
                return (new ClientWorkload(scenario, 1, system, (client, _, ct) => client.DiscoverAsync(0, InstanceData.InstancesPerService, ct)), seeded);
            }

            default:
                throw new ArgumentException($"Unknown scenario '{scenario}'.", nameof(scenario));
        }
    }
}
