namespace Beacon.LoadGen.Compare.ZooKeeper;

/// <summary>The ZooKeeper opcodes, special xids and error codes this client uses (ZooDefs.OpCode, KeeperException.Code).</summary>
public static class ZooKeeperOps
{
    public const int Create = 1;
    public const int Delete = 2;
    public const int GetData = 4;
    public const int GetChildren = 8;
    public const int Ping = 11;
    public const int CloseSession = -11;

    /// <summary>The xid of a watch notification sent by the server.</summary>
    public const int NotificationXid = -1;

    /// <summary>The xid of a ping and its answer.</summary>
    public const int PingXid = -2;

    public const int Ok = 0;
    public const int NoNode = -101;
    public const int NodeExists = -110;

    /// <summary>CreateMode.EPHEMERAL: the node lives as long as the session that created it.</summary>
    public const int Ephemeral = 1;

    /// <summary>Watcher.Event.EventType.NodeChildrenChanged.</summary>
    public const int NodeChildrenChanged = 4;
}
