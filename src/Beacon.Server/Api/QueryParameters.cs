using System.Globalization;
using Beacon.Contracts;
using Beacon.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace Beacon.Server.Api;

/// <summary>Parses and checks the query parameters the endpoints share. Errors name the parameter.</summary>
internal static class QueryParameters
{
    /// <summary>
    /// A parameter's value, or empty. Without a query string the request's query feature is not
    /// created at all (an object per request on the register and heartbeat paths, which mostly have none).
    /// </summary>
    public static string Value(HttpRequest request, string name) =>
        request.QueryString.HasValue ? request.Query[name].ToString() : "";

    /// <summary><c>?namespace=</c>, default <c>default</c>.</summary>
    public static string Namespace(HttpRequest request)
    {
        var value = Value(request, "namespace");
        if (value.Length == 0)
        {
            return BeaconRoutes.DefaultNamespace;
        }

        Names.CheckNamespace(value);
        return value;
    }

    /// <summary>An optional 64-bit integer such as <c>?index=</c> or <c>?since=</c>.</summary>
    public static long? Long(HttpRequest request, string name)
    {
        var value = Value(request, name);
        if (value.Length == 0)
        {
            return null;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new InvalidArgumentException(name, $"'{name}' must be a non-negative integer; got '{value}'.");
    }

    /// <summary>An optional integer between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static int? Int(HttpRequest request, string name, int min, int max)
    {
        var value = Long(request, name);
        if (value is null)
        {
            return null;
        }

        return value >= min && value <= max
            ? (int)value
            : throw new InvalidArgumentException(name, $"'{name}' must be between {min} and {max}; got {value}.");
    }

    /// <summary>
    /// <c>?wait=</c>: a duration such as <c>30s</c>, <c>500ms</c>, <c>5m</c>, or plain seconds. Capped
    /// at <paramref name="max"/>, as documented.
    /// </summary>
    public static TimeSpan? Wait(HttpRequest request, TimeSpan max)
    {
        var value = Value(request, "wait");
        if (value.Length == 0)
        {
            return null;
        }

        if (!TryParseDuration(value, out var wait) || wait < TimeSpan.Zero)
        {
            throw new InvalidArgumentException("wait",
                $"'wait' must be a duration such as 30s, 500ms or 5m; got '{value}'.");
        }

        return wait > max ? max : wait;
    }

    /// <summary><c>?status=</c>: a comma-separated list of statuses, or <c>all</c>. Default: UP only.</summary>
    public static StatusFilter Status(HttpRequest request)
    {
        var value = Value(request, "status");
        if (value.Length == 0)
        {
            return StatusFilter.UpOnly;
        }

        if (value.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return StatusFilter.All;
        }

        var mask = 0;
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            mask |= part.ToUpperInvariant() switch
            {
                "UP" => 1 << (int)InstanceStatus.Up,
                "DOWN" => 1 << (int)InstanceStatus.Down,
                "STARTING" => 1 << (int)InstanceStatus.Starting,
                "OUT_OF_SERVICE" => 1 << (int)InstanceStatus.OutOfService,
                _ => throw new InvalidArgumentException("status",
                    $"'status' must list UP, DOWN, STARTING or OUT_OF_SERVICE, or be 'all'; got '{part}'."),
            };
        }

        return new StatusFilter(mask);
    }

    /// <summary><c>?healthy=</c>: <c>true</c> (default), <c>false</c> or <c>any</c>.</summary>
    public static bool? Healthy(HttpRequest request)
    {
        var value = Value(request, "healthy");
        return value.ToLowerInvariant() switch
        {
            "" or "true" => true,
            "false" => false,
            "any" or "all" => null,
            _ => throw new InvalidArgumentException("healthy", $"'healthy' must be true, false or any; got '{value}'."),
        };
    }

    /// <summary><c>?zone=</c>, optional.</summary>
    public static string? Zone(HttpRequest request)
    {
        var value = Value(request, "zone");
        if (value.Length == 0)
        {
            return null;
        }

        Names.CheckZone(value);
        return value;
    }

    internal static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var span = text.AsSpan().Trim();
        var unitStart = span.Length;
        while (unitStart > 0 && char.IsAsciiLetter(span[unitStart - 1]))
        {
            unitStart--;
        }

        if (!double.TryParse(span[..unitStart], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ||
            double.IsNaN(number) || number > 1e9)
        {
            return false;
        }

        double? ms = span[unitStart..] switch
        {
            "" or "s" => number * 1000,
            "ms" => number,
            "m" => number * 60_000,
            "h" => number * 3_600_000,
            _ => null,
        };
        if (ms is null)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(ms.Value);
        return true;
    }
}

/// <summary>A set of statuses as a bit mask (bit n = <see cref="InstanceStatus"/> n).</summary>
internal readonly record struct StatusFilter(int Mask)
{
    public static readonly StatusFilter UpOnly = new(1 << (int)InstanceStatus.Up);
    public static readonly StatusFilter All = new(0b1111);

    public bool Accepts(InstanceStatus status) => (Mask & (1 << (int)status)) != 0;
}
