using System.Text.Json;

namespace Beacon.Client.Json;

/// <summary>Small helpers the hand-written readers share.</summary>
internal static class JsonRead
{
    /// <summary>Moves to the next token, which must exist (the serializer hands converters whole values).</summary>
    public static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The JSON ends in the middle of a value.");
        }
    }

    /// <summary>
    /// Moves to the next property of an object and onto its value; false at the object's end.
    /// <paramref name="name"/> is a copy of the reader on the property's name, to match it with
    /// <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/>.
    /// </summary>
    public static bool NextProperty(ref Utf8JsonReader reader, out Utf8JsonReader name)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = default;
            return false;
        }

        name = reader;
        Next(ref reader);
        return true;
    }

    public static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"{what} must be a JSON {Describe(type)}; got {reader.TokenType}.");
        }
    }

    public static string String(ref Utf8JsonReader reader, string property) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new JsonException($"'{property}' must be a string; got {reader.TokenType}.");

    public static T Required<T>(T? value, string property, string type) where T : class =>
        value ?? throw new JsonException($"The {type} has no '{property}'.");

    public static T Required<T>(T? value, string property, string type) where T : struct =>
        value ?? throw new JsonException($"The {type} has no '{property}'.");

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        _ => type.ToString(),
    };
}
