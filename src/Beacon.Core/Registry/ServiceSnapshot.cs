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
    public Instance? Find(string id) => Find(id, out _);

    /// <summary>
    /// Finds an instance by id, and where it is (or the bitwise complement of where it would go):
    /// a writer passes the position on to <see cref="With"/> or <see cref="Without"/> instead of
    /// searching the same snapshot twice.
    /// </summary>
    internal Instance? Find(string id, out int position)
    {
        position = Instances.IndexOf(id);
        return position >= 0 ? Instances[position] : null;
    }

    /// <summary>
    /// The next snapshot with <paramref name="instance"/> replacing its namesake at <paramref name="position"/>,
    /// or inserted at <c>~position</c> (from <see cref="Find(string, out int)"/> on this snapshot).
    /// </summary>
    internal ServiceSnapshot With(Instance instance, int position, long revision)
    {
        var next = position >= 0 ? Instances.SetItem(position, instance) : Instances.Insert(~position, instance);
        return new ServiceSnapshot(Namespace, Name, revision, next);
    }

    /// <summary>The next snapshot without the instance at <paramref name="position"/> (from <see cref="Find(string, out int)"/>).</summary>
    internal ServiceSnapshot Without(int position, long revision) =>
        new(Namespace, Name, revision, Instances.RemoveAt(position));
}
