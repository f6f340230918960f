namespace Beacon.Cluster.Wire;

/// <summary>Answer of <c>GET /v1/peer/ping</c>.</summary>
public sealed record PingResult(string NodeId, string Zone, bool Ready, long Revision);

/// <summary>
/// Body of <c>POST /v1/peer/digest</c>: checksums of the buckets of the data <see cref="From"/> is
/// responsible for, counting only records stamped at or before <see cref="SettledBeforeMs"/> (Unix ms).
/// The receiver counts with the same cut-off, so data both hold gives equal checksums however long
/// the request took; without it (a node of an earlier version) the receiver uses its own clock.
/// </summary>
public sealed record DigestRequest(string From, IReadOnlyList<ulong> Buckets, long? SettledBeforeMs = null);

/// <summary>
/// The buckets whose checksums the receiver computes differently, with the receiver's own records of
/// those buckets (that the sender is responsible for): the sender keeps what is newer, then sends its
/// records of the same buckets back. One round trip and one push merge both ways.
/// </summary>
public sealed record DigestResult(IReadOnlyList<int> Differing, IReadOnlyList<ReplicationItem> Records);
