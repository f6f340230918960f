using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.Contracts;

/// <summary>
/// Source-generated JSON for every wire type: camelCase names, nulls omitted, no reflection. The server
/// and the SDK both use it, so they cannot disagree about the wire format.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    // Web defaults read numbers from strings; a wrong type must be a clear 400 instead.
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(InstanceInfo))]
[JsonSerializable(typeof(RegisterInstanceRequest))]
[JsonSerializable(typeof(PatchInstanceRequest))]
[JsonSerializable(typeof(ServiceInstances))]
[JsonSerializable(typeof(ServiceList))]
[JsonSerializable(typeof(HeartbeatBatchRequest))]
[JsonSerializable(typeof(HeartbeatBatchResult))]
[JsonSerializable(typeof(ChangeFeed))]
[JsonSerializable(typeof(ChangeInfo))]
[JsonSerializable(typeof(NodeStatus))]
[JsonSerializable(typeof(Problem))]
public sealed partial class BeaconJsonContext : JsonSerializerContext;
