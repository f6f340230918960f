using System.Buffers;
using System.Text.Json;

namespace Beacon.Contracts.Json;

/// <summary>
/// The error a converter raises for a value of the wrong type: worded and placed as the serializer's
/// own ("could not be converted", with the JSON path), so the server's error messages treat both alike
/// ("'addresses[0]' must be a string"). The serializer keeps a path the converter sets.
/// </summary>
internal static class JsonValueError
{
    private static readonly SearchValues<char> PlainNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    public static JsonException At(string path) =>
        new("The JSON value could not be converted to the expected type.", path, lineNumber: null, bytePositionInLine: null);

    /// <summary>Whether a key can follow a dot in a JSON path, as the serializer writes paths.</summary>
    public static bool IsPlainName(string key) =>
        key.Length > 0 && key.AsSpan().IndexOfAnyExcept(PlainNameChars) < 0;
}
