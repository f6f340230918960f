using Beacon.Core.Model;

namespace Beacon.Core.Registry;

/// <summary>
/// An immutable view of one service: its instances sorted by id, and the revision of its last change.
/// Readers take the current snapshot and never lock; a writer builds the next snapshot and swaps it in.
/// </summary>
public sealed class ServiceSnapshot
{
    internal ServiceSnapshot(string @namespace, string name, long revision, SortedInstances instances)
    {
        Namespace = @namespace;
        Name = name;
        Revision = revision;
        Instances = instances;
    }

    public string Namespace { get; }

    public string Name { get; }

    /// <summary>The revision of the service's last change (0 for a service that never held an instance).</summary>
    public long Revision { get; }

    /// <summary>Every registered instance, whatever its status, ordered by id (ordinal).</summary>
    public SortedInstances Instances { get; }

    /// <summary>
    /// A slot for the API layer to memoise its encodings of this snapshot. The snapshot never changes,
    /// so an encoding stays right until the next snapshot replaces it.
    /// </summary>
    public object? EncodingCache { get; set; }

    public int PassingCount
    {
        get
        {
            var count = 0;
            foreach (var instance in Instances)
            {
                if (instance.IsPassing)
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>Finds an instance by id with a binary search: no allocation, no lock.</summary>
    public Instance? Find(string id)
    {
        var index = Instances.IndexOf(id);
        return index >= 0 ? Instances[index] : null;
    }

    /// <summary>The next snapshot with <paramref name="instance"/> added or replacing its namesake.</summary>
    internal ServiceSnapshot With(Instance instance, long revision)
    {
        var index = Instances.IndexOf(instance.Id);
        var next = index >= 0 ? Instances.SetItem(index, instance) : Instances.Insert(~index, instance);
        return new ServiceSnapshot(Namespace, Name, revision, next);
    }

    /// <summary>The next snapshot without the instance <paramref name="id"/>.</summary>
    internal ServiceSnapshot Without(string id, long revision)
    {
        var index = Instances.IndexOf(id);
        return index < 0 ? this : new ServiceSnapshot(Namespace, Name, revision, Instances.RemoveAt(index));
    }
}
