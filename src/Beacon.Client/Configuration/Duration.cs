using System.Globalization;

namespace Beacon.Client.Configuration;

/// <summary>Durations in connection strings and query strings: <c>30s</c>, <c>200ms</c>, <c>5m</c>, <c>1h</c> or <c>00:00:30</c>.</summary>
internal static class Duration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        var span = text.AsSpan().Trim();
        if (span.Contains(':') && TimeSpan.TryParse(span, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        value = default;
        var unitStart = span.Length;
        while (unitStart > 0 && char.IsAsciiLetter(span[unitStart - 1]))
        {
            unitStart--;
        }

        if (!double.TryParse(span[..unitStart], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
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

        value = TimeSpan.FromMilliseconds(ms.Value);
        return true;
    }

    /// <summary>The shortest exact form: <c>200ms</c>, <c>30s</c>, <c>5m</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value.Ticks % TimeSpan.TicksPerMinute == 0 && value >= TimeSpan.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(long)value.TotalMinutes}m");
        }

        return value.Ticks % TimeSpan.TicksPerSecond == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)value.TotalSeconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds}ms");
    }
}
