using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Beacon.Contracts;

namespace Beacon.Server.Api;

/// <summary>
/// Words for a <see cref="JsonException"/>: "'weight' must be an integer" beats System.Text.Json's
/// "could not be converted to Beacon.Contracts.RegisterInstanceRequest". The expected type is looked up
/// from the contract's own metadata by the exception's JSON path.
/// </summary>
internal static partial class JsonErrors
{
    public static (string Detail, string? Field) Describe(JsonException exception, JsonTypeInfo root)
    {
        var path = string.IsNullOrEmpty(exception.Path) ? null : exception.Path;
        var field = path is null || path == "$" ? null : path.TrimStart('$').TrimStart('.');
        var at = exception.LineNumber is { } line ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})" : "";
        var isConversion = exception.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
        if (isConversion && path is not null && ExpectedAt(root, path) is { } expected)
        {
            return field is null
                ? ($"The body must be {expected}{at}.", null)
                : ($"'{field}' must be {expected}{at}.", field);
        }

        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        return ($"The body is not valid JSON{(field is null ? "" : $" at '{field}'")}{at}: {message}", field);
    }

    private static string? ExpectedAt(JsonTypeInfo root, string path)
    {
        var info = root;
        foreach (Match segment in Segment().Matches(path))
        {
            if (segment.Groups["index"].Success || info.Kind == JsonTypeInfoKind.Dictionary)
            {
                if (info.ElementType is null)
                {
                    return null;
                }

                info = info.Options.GetTypeInfo(info.ElementType);
                continue;
            }

            var name = segment.Groups["name"].Value;
            var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            if (property is null)
            {
                return null;
            }

            info = info.Options.GetTypeInfo(property.PropertyType);
        }

        return Describe(info);
    }

    private static string Describe(JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (type == typeof(int) || type == typeof(long))
        {
            return "an integer";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(InstanceStatus))
        {
            return "one of \"UP\", \"DOWN\", \"STARTING\", \"OUT_OF_SERVICE\"";
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable when info.ElementType == typeof(string) => "an array of strings",
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Dictionary => "an object whose values are strings",
            _ => "an object",
        };
    }

    [GeneratedRegex(@"\.(?<name>[A-Za-z0-9_]+)|\[(?<index>\d+)\]|\['(?<name>[^']*)'\]")]
    private static partial Regex Segment();
}
