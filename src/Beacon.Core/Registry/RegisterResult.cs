using Beacon.Core.Model;

namespace Beacon.Core.Registry;

/// <summary>The stored instance, and whether the registration created it.</summary>
public readonly record struct RegisterResult(Instance Instance, bool Created);

/// <summary>The outcome of a heartbeat.</summary>
public enum RenewOutcome
{
    /// <summary>The lease was renewed.</summary>
    Renewed,

    /// <summary>The registry does not know the instance: the client must register again.</summary>
    NotFound,
}
