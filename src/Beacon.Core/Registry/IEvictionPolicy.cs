using Beacon.Core.Model;

namespace Beacon.Core.Registry;

/// <summary>Whether this node may evict an instance whose lease has run out.</summary>
public interface IEvictionPolicy
{
    /// <param name="instance">The expired instance.</param>
    /// <param name="silentMs">How long it has been silent.</param>
    bool MayEvict(Instance instance, long silentMs);
}

/// <summary>A single node evicts every expired instance.</summary>
public sealed class EvictAll : IEvictionPolicy
{
    public static readonly EvictAll Instance = new();

    public bool MayEvict(Instance instance, long silentMs) => true;
}
