using Beacon.Client.Configuration;

namespace Beacon.Client.Transport;

/// <summary>
/// Which registry node to ask. Requests stick to the node that last answered (so a client's reads
/// come from one node's consistent view); a failing node is left for the next one in rotation and
/// avoided for a backoff that doubles with each failure in a row. Nodes learned from the cluster are
/// merged with the configured seeds, which are never forgotten.
/// </summary>
internal sealed class NodeSelector
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _backoff;
    private readonly TimeSpan _maxBackoff;
    private RegistryNode[] _nodes;
    private int _current;

    public NodeSelector(IEnumerable<Uri> seeds, TimeSpan backoff, TimeSpan maxBackoff, TimeProvider time)
    {
        _nodes = [.. seeds.Distinct().Select(uri => new RegistryNode(uri, isSeed: true))];
        _backoff = backoff;
        _maxBackoff = maxBackoff;
        _time = time;
    }

    /// <summary>Raised (outside the lock) when the current node failed and the client moved on.</summary>
    public event Action? FailedOver;

    /// <summary>Every known node, the current one first.</summary>
    public IReadOnlyList<Uri> Nodes
    {
        get
        {
            lock (_lock)
            {
                return [.. Rotation().Select(n => n.BaseAddress)];
            }
        }
    }

    /// <summary>
    /// The order in which to try the nodes for one request: the current node, then the others in
    /// rotation; nodes still in their backoff go last, so a round tries every node but a known-dead one
    /// costs nothing while another answers.
    /// </summary>
    public RegistryNode[] Plan()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            return [.. Rotation().OrderBy(n => n.AvoidUntil > now ? 1 : 0)];
        }
    }

    public RegistryNode? Find(Uri baseAddress)
    {
        lock (_lock)
        {
            return Array.Find(_nodes, n => n.BaseAddress == baseAddress);
        }
    }

    public void Succeeded(RegistryNode node)
    {
        lock (_lock)
        {
            node.Failures = 0;
            node.AvoidUntil = 0;
            var index = Array.IndexOf(_nodes, node);
            if (index >= 0)
            {
                _current = index;
            }
        }
    }

    public void Failed(RegistryNode node)
    {
        bool failedOver;
        lock (_lock)
        {
            node.Failures++;
            node.AvoidUntil = _time.GetTimestamp() + Backoff(node.Failures).Ticks * _time.TimestampFrequency / TimeSpan.TicksPerSecond;
            failedOver = _nodes.Length > 1 && ReferenceEquals(_nodes[_current], node);
            if (failedOver)
            {
                _current = (_current + 1) % _nodes.Length;
            }
        }

        if (failedOver)
        {
            FailedOver?.Invoke();
        }
    }

    /// <summary>
    /// Replaces the nodes learned from the cluster by <paramref name="members"/>; seeds stay, and a
    /// node keeps its failure history. Returns true when the list changed.
    /// </summary>
    public bool MergeMembers(IEnumerable<Uri> members)
    {
        lock (_lock)
        {
            var current = _nodes[_current];
            var byAddress = _nodes.ToDictionary(n => n.BaseAddress);
            var next = _nodes.Where(n => n.IsSeed).ToList();
            foreach (var member in members.Distinct())
            {
                if (next.Any(n => n.BaseAddress == member))
                {
                    continue;
                }

                next.Add(byAddress.TryGetValue(member, out var known) ? known : new RegistryNode(member, isSeed: false));
            }

            if (next.Count == _nodes.Length && next.All(n => _nodes.Contains(n)))
            {
                return false;
            }

            _nodes = [.. next];
            var index = Array.IndexOf(_nodes, current);
            _current = index >= 0 ? index : 0;
            return true;
        }
    }

    /// <summary>The pause after <paramref name="failures"/> failures in a row: doubling, capped.</summary>
    public TimeSpan Backoff(int failures)
    {
        var factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(_backoff.Ticks * factor, _maxBackoff.Ticks));
    }

    private IEnumerable<RegistryNode> Rotation()
    {
        for (var i = 0; i < _nodes.Length; i++)
        {
            yield return _nodes[(_current + i) % _nodes.Length];
        }
    }

    public static NodeSelector Create(BeaconClientOptions options, TimeProvider time)
    {
        var seeds = options.Nodes.Select(text => NodeAddress.TryParse(text, out var uri)
            ? uri
            : throw new ArgumentException($"'{text}' is not a registry node address."));
        return new NodeSelector(seeds, options.RetryBackoff, options.MaxRetryBackoff, time);
    }
}
