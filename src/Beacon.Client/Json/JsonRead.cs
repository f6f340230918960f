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
