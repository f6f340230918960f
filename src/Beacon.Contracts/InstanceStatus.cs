using System.Text.Json.Serialization;

namespace Beacon.Contracts;

/// <summary>The lifecycle status of an instance, as Eureka defines it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstanceStatus>))]
public enum InstanceStatus : byte
{
    /// <summary>Serving traffic. Only <c>UP</c> instances are returned by default.</summary>
    [JsonStringEnumMemberName("UP")] Up,

    /// <summary>Running but not able to serve (for example while shutting down).</summary>
    [JsonStringEnumMemberName("DOWN")] Down,

    /// <summary>Starting up; not ready for traffic yet.</summary>
    [JsonStringEnumMemberName("STARTING")] Starting,

    /// <summary>Taken out of service on purpose, usually by an operator.</summary>
    [JsonStringEnumMemberName("OUT_OF_SERVICE")] OutOfService,
}
