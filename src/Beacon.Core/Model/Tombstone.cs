using Beacon.Contracts;
using Beacon.Core.Versioning;

namespace Beacon.Core.Model;

/// <summary>
/// What is left of a removed instance: its key and the version of the removal. Peers compare it with
/// what they hold, so a late or repeated registration older than the removal cannot bring the
/// instance back. Kept for <see cref="RegistryOptions.TombstoneTtl"/>.
/// </summary>
public sealed record Tombstone(string Id, Stamp Stamp, ChangeOp Op, long RemovedAtMs);
