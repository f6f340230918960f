using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.Contracts.Json;

/// <summary>
/// A registration's <c>addresses</c>: a JSON array of strings (nulls kept, for validation to name) as a
/// right-sized array. System.Text.Json reads a nested collection by pushing a frame of its read stack,
/// which allocates the stack's array (~500 bytes) on every registration; a converter of its own is
/// called directly, with no push. A wrong element is reported at its own path, as the serializer would.
/// </summary>
internal sealed class AddressListConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw JsonValueError.At("$.addresses");
        }

        // Almost always one address: read it, then grow only if more follow.
        var items = new string[1];
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
            {
                throw JsonValueError.At($"$.addresses[{count}]");
            }

            if (count == items.Length)
            {
                Array.Resize(ref items, count * 2);
            }

            items[count++] = reader.GetString()!;
        }

        return count == items.Length ? items : items[..count];
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        for (var i = 0; i < value.Count; i++)
        {
            writer.WriteStringValue(value[i]);
        }

        writer.WriteEndArray();
    }
}
