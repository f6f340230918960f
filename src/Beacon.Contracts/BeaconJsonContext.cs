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
[JsonSerializable(typeof(ClusterMembers))]
[JsonSerializable(typeof(Problem))]
public sealed partial class BeaconJsonContext : JsonSerializerContext;

/// <summary>The serializer settings the wire uses.</summary>
public sealed partial class BeaconJsonContext
{
    /// <summary>
    /// Like <see cref="JsonSerializerContext"/>'s default instance, but writes non-ASCII text and
    /// quotes as they are (not as <c>\uXXXX</c>), so messages and metadata in any language stay readable.
    /// Safe for JSON bodies; never embed its output in HTML unescaped.
    /// </summary>
    public static BeaconJsonContext Wire => s_wire ??= CreateWire();

    private static BeaconJsonContext? s_wire;

    private static BeaconJsonContext CreateWire()
    {
        var options = new JsonSerializerOptions(Default.Options)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = null,
        };
        return new BeaconJsonContext(options);
    }
}
