using Beacon.Core.Model;

namespace Beacon.Core.Registry;

/// <summary>Told of every heartbeat a node accepts from a client. Called on the heartbeat path: be quick.</summary>
public interface IRenewalSink
{
    void OnRenewed(Instance instance, long atMs);
}
