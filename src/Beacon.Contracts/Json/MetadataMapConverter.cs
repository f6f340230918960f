using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.Contracts.Json;

/// <summary>
/// A registration's <c>metadata</c>: a JSON object of string values (a later duplicate key wins; null
/// values kept, for validation to name) as a dictionary, read without the serializer pushing a frame of
/// its read stack (see <see cref="AddressListConverter"/>).
/// </summary>
internal sealed class MetadataMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw JsonValueError.At("$.metadata");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
            {
                throw JsonValueError.At(JsonValueError.IsPlainName(key) ? $"$.metadata.{key}" : $"$.metadata['{key}']");
            }

            map[key] = reader.GetString()!;
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            writer.WriteString(key, item);
        }

        writer.WriteEndObject();
    }
}
