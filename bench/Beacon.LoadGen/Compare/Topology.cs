namespace Beacon.LoadGen.Compare;

/// <summary>How many members a system under test runs with, all on 127.0.0.1 with their own ports.</summary>
public enum Topology
{
    /// <summary>One server.</summary>
    OneNode = 1,

    /// <summary>Three members: etcd and ZooKeeper commit each write on a quorum (2 of 3); Beacon replicates asynchronously.</summary>
    ThreeNodes = 3,
}
