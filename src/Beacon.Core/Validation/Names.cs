using System.Buffers;

namespace Beacon.Core.Validation;

/// <summary>
/// Naming rules. Service names admit <c>@</c> and <c>:</c> so that Nacos' <c>group@@service</c> and
/// Eureka's upper-case app names fit; instance ids also admit <c>#</c> for Nacos' instance ids
/// (<c>10.0.0.1#8080#DEFAULT#DEFAULT_GROUP@@svc</c>) and <c>:</c> for Eureka's (<c>host:app:8080</c>).
/// </summary>
public static class Names
{
    private static readonly SearchValues<char> s_alphanumeric =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    private static readonly SearchValues<char> s_simple =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    private static readonly SearchValues<char> s_service =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-:@");

    private static readonly SearchValues<char> s_instanceId =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-:@#");

    private static readonly SearchValues<char> s_metadataKey =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-:@/");

    public const string SimpleRule = "letters, digits, '.', '_' and '-', starting with a letter or digit";
    public const string ServiceRule = "letters, digits, '.', '_', '-', ':' and '@', starting with a letter or digit";
    public const string InstanceIdRule = "letters, digits, '.', '_', '-', ':', '@' and '#', starting with a letter or digit";
    public const string MetadataKeyRule = "letters, digits, '.', '_', '-', ':', '@' and '/'";

    public static void CheckNamespace(string? value, string field = "namespace") =>
        Check(value, field, Limits.NamespaceMaxLength, s_simple, SimpleRule);

    public static void CheckZone(string? value, string field = "zone") =>
        Check(value, field, Limits.ZoneMaxLength, s_simple, SimpleRule);

    public static void CheckService(string? value, string field = "service") =>
        Check(value, field, Limits.ServiceMaxLength, s_service, ServiceRule);

    public static void CheckInstanceId(string? value, string field = "id") =>
        Check(value, field, Limits.InstanceIdMaxLength, s_instanceId, InstanceIdRule);

    public static void CheckMetadataKey(string? value, string field)
    {
        if (string.IsNullOrEmpty(value) || value.Length > Limits.MetadataKeyMaxLength)
        {
            throw new InvalidArgumentException(field,
                $"Metadata keys must be 1 to {Limits.MetadataKeyMaxLength} characters long.");
        }

        if (value.AsSpan().ContainsAnyExcept(s_metadataKey))
        {
            throw new InvalidArgumentException(field, $"Metadata key '{value}' may contain only {MetadataKeyRule}.");
        }
    }

    public static bool IsValidService(string? value) =>
        IsValid(value, Limits.ServiceMaxLength, s_service);

    private static void Check(string? value, string field, int maxLength, SearchValues<char> allowed, string rule)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidArgumentException(field, $"'{field}' is required.");
        }

        if (!IsValid(value, maxLength, allowed))
        {
            var shown = value.Length > 80 ? value[..80] + "…" : value;
            throw new InvalidArgumentException(field,
                $"'{field}' must be 1 to {maxLength} characters of {rule}; got '{shown}' ({value.Length} characters).");
        }
    }

    private static bool IsValid(string? value, int maxLength, SearchValues<char> allowed) =>
        !string.IsNullOrEmpty(value) &&
        value.Length <= maxLength &&
        s_alphanumeric.Contains(value[0]) &&
        !value.AsSpan().ContainsAnyExcept(allowed);
}
