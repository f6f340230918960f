using System.Text.Json;
using System.Text.Json.Serialization;
using Beacon.Contracts;

namespace Beacon.Client.Json;

/// <summary>Reads a <see cref="ChangeInfo"/> (a watch event) without boxing; see <see cref="InstanceInfoReader"/>.</summary>
internal sealed class ChangeInfoReader(InstanceInfoReader instanceReader) : JsonConverter<ChangeInfo>
{
    private const string What = "change";
    private static readonly JsonConverter<ChangeOp> s_op = (JsonConverter<ChangeOp>)BeaconJsonContext.Default.ChangeOp.Converter;

    public override ChangeInfo Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonRead.Expect(ref reader, JsonTokenType.StartObject, "A change");
        long? revision = null;
        ChangeOp? op = null;
        string? service = null;
        InstanceInfo? instance = null;
        while (JsonRead.NextProperty(ref reader, out var name))
        {
            if (name.ValueTextEquals("revision"u8)) revision = reader.GetInt64();
            else if (name.ValueTextEquals("op"u8)) op = s_op.Read(ref reader, typeof(ChangeOp), options);
            else if (name.ValueTextEquals("service"u8)) service = JsonRead.String(ref reader, "service");
            else if (name.ValueTextEquals("instance"u8)) instance = instanceReader.Read(ref reader, typeof(InstanceInfo), options);
            else reader.Skip();
        }

        return new ChangeInfo
        {
            Revision = JsonRead.Required(revision, "revision", What),
            Op = JsonRead.Required(op, "op", What),
            Service = JsonRead.Required(service, "service", What),
            Instance = JsonRead.Required(instance, "instance", What),
        };
    }

    public override void Write(Utf8JsonWriter writer, ChangeInfo value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, BeaconJsonContext.Default.ChangeInfo);
}
