using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Beacon.Contracts;

namespace Beacon.Client.Json;

/// <summary>
/// Reads an <see cref="InstanceInfo"/> straight into its object initializer: no argument array, no
/// boxes. Property names are the wire's (camelCase, as the registry writes them); unknown properties
/// are skipped, so a newer registry may add some; a missing required one is a
/// <see cref="JsonException"/> naming it. Namespace, service and zone strings that repeat are shared
/// (<see cref="RepeatedString"/>). Writing uses the contract's generated serializer.
/// </summary>
internal sealed class InstanceInfoReader : JsonConverter<InstanceInfo>
{
    private const string What = "instance";
    private static readonly JsonConverter<InstanceStatus> s_status =
        (JsonConverter<InstanceStatus>)BeaconJsonContext.Default.InstanceStatus.Converter;

    private readonly RepeatedString _namespace = new();
    private readonly RepeatedString _service = new();
    private readonly RepeatedString _zone = new();

    public override InstanceInfo Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonRead.Expect(ref reader, JsonTokenType.StartObject, "An instance");
        string? @namespace = null, service = null, id = null, zone = null, version = null;
        IReadOnlyList<string>? addresses = null;
        IReadOnlyDictionary<string, string>? metadata = null;
        InstanceStatus? status = null, reportedStatus = null, statusOverride = null;
        bool? healthy = null;
        int? weight = null, leaseSeconds = null, heartbeatSeconds = null;
        DateTimeOffset? registeredAt = null, lastRenewedAt = null, lastChangedAt = null;
        long? revision = null;

        while (JsonRead.NextProperty(ref reader, out var name))
        {
            if (name.ValueTextEquals("id"u8)) id = JsonRead.String(ref reader, "id");
            else if (name.ValueTextEquals("namespace"u8)) @namespace = _namespace.Read(ref reader, "namespace");
            else if (name.ValueTextEquals("service"u8)) service = _service.Read(ref reader, "service");
            else if (name.ValueTextEquals("zone"u8)) zone = _zone.Read(ref reader, "zone");
            else if (name.ValueTextEquals("addresses"u8)) addresses = ReadAddresses(ref reader);
            else if (name.ValueTextEquals("status"u8)) status = ReadStatus(ref reader, options);
            else if (name.ValueTextEquals("reportedStatus"u8)) reportedStatus = ReadStatus(ref reader, options);
            else if (name.ValueTextEquals("statusOverride"u8)) statusOverride = reader.TokenType == JsonTokenType.Null ? null : ReadStatus(ref reader, options);
            else if (name.ValueTextEquals("healthy"u8)) healthy = reader.GetBoolean();
            else if (name.ValueTextEquals("weight"u8)) weight = reader.GetInt32();
            else if (name.ValueTextEquals("version"u8)) version = reader.TokenType == JsonTokenType.Null ? null : JsonRead.String(ref reader, "version");
            else if (name.ValueTextEquals("metadata"u8)) metadata = ReadMetadata(ref reader);
            else if (name.ValueTextEquals("leaseSeconds"u8)) leaseSeconds = reader.GetInt32();
            else if (name.ValueTextEquals("heartbeatSeconds"u8)) heartbeatSeconds = reader.GetInt32();
            else if (name.ValueTextEquals("registeredAt"u8)) registeredAt = reader.GetDateTimeOffset();
            else if (name.ValueTextEquals("lastRenewedAt"u8)) lastRenewedAt = reader.GetDateTimeOffset();
            else if (name.ValueTextEquals("lastChangedAt"u8)) lastChangedAt = reader.GetDateTimeOffset();
            else if (name.ValueTextEquals("revision"u8)) revision = reader.GetInt64();
            else reader.Skip();
        }

        return new InstanceInfo
        {
            Namespace = JsonRead.Required(@namespace, "namespace", What),
            Service = JsonRead.Required(service, "service", What),
            Id = JsonRead.Required(id, "id", What),
            Zone = JsonRead.Required(zone, "zone", What),
            Addresses = JsonRead.Required(addresses, "addresses", What),
            Status = JsonRead.Required(status, "status", What),
            ReportedStatus = JsonRead.Required(reportedStatus, "reportedStatus", What),
            StatusOverride = statusOverride,
            Healthy = JsonRead.Required(healthy, "healthy", What),
            Weight = JsonRead.Required(weight, "weight", What),
            Version = version,
            Metadata = JsonRead.Required(metadata, "metadata", What),
            LeaseSeconds = JsonRead.Required(leaseSeconds, "leaseSeconds", What),
            HeartbeatSeconds = JsonRead.Required(heartbeatSeconds, "heartbeatSeconds", What),
            RegisteredAt = JsonRead.Required(registeredAt, "registeredAt", What),
            LastRenewedAt = JsonRead.Required(lastRenewedAt, "lastRenewedAt", What),
            LastChangedAt = JsonRead.Required(lastChangedAt, "lastChangedAt", What),
            Revision = JsonRead.Required(revision, "revision", What),
        };
    }

    public override void Write(Utf8JsonWriter writer, InstanceInfo value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, BeaconJsonContext.Default.InstanceInfo);

    private static InstanceStatus ReadStatus(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        s_status.Read(ref reader, typeof(InstanceStatus), options);

    /// <summary>Most instances have one address: an array of exactly that size, nothing more.</summary>
    private static string[] ReadAddresses(ref Utf8JsonReader reader)
    {
        JsonRead.Expect(ref reader, JsonTokenType.StartArray, "'addresses'");
        string? first = null;
        List<string>? all = null;
        while (true)
        {
            JsonRead.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return all is not null ? [.. all] : first is not null ? [first] : [];
            }

            var address = JsonRead.String(ref reader, "addresses");
            if (first is null)
            {
                first = address;
            }
            else
            {
                (all ??= [first]).Add(address);
            }
        }
    }

    /// <summary>Metadata is often empty: every such instance shares one empty dictionary.</summary>
    private static IReadOnlyDictionary<string, string> ReadMetadata(ref Utf8JsonReader reader)
    {
        JsonRead.Expect(ref reader, JsonTokenType.StartObject, "'metadata'");
        Dictionary<string, string>? metadata = null;
        while (true)
        {
            JsonRead.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return (IReadOnlyDictionary<string, string>?)metadata ?? ReadOnlyDictionary<string, string>.Empty;
            }

            var key = reader.GetString()!;
            JsonRead.Next(ref reader);
            (metadata ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = JsonRead.String(ref reader, "metadata");
        }
    }
}
