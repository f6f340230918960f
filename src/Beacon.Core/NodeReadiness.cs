namespace Beacon.Core;

/// <summary>
/// Whether the node serves reads. A single node is ready at once; a cluster node becomes ready
/// once it has loaded the registry from its peers. Writes are accepted either way.
/// </summary>
public sealed class NodeReadiness
{
    private volatile string? _notReadyReason;

    public NodeReadiness(bool ready = true) =>
        _notReadyReason = ready ? null : "The node is starting.";

    public bool IsReady => _notReadyReason is null;

    /// <summary>Why the node is not ready, or null.</summary>
    public string? NotReadyReason => _notReadyReason;

    public void MarkReady() => _notReadyReason = null;

    public void MarkNotReady(string reason) => _notReadyReason = reason;
}
