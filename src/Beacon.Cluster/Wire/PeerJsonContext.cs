using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.Cluster.Wire;

/// <summary>Source-generated JSON of the peer protocol.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ReplicationBatch))]
[JsonSerializable(typeof(ReplicationResult))]
[JsonSerializable(typeof(ReplicationItem))]
[JsonSerializable(typeof(PingResult))]
[JsonSerializable(typeof(DigestRequest))]
[JsonSerializable(typeof(DigestResult))]
internal sealed partial class PeerJsonContext : JsonSerializerContext;
