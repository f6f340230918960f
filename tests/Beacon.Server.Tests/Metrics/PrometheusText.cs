using System.Globalization;

namespace Beacon.Server.Tests.Metrics;

/// <summary>Just enough of the Prometheus text format to read one sample: <c>name{a="b",...} value</c>.</summary>
internal sealed class PrometheusText(string text)
{
    public string Text { get; } = text;

    public static async Task<PrometheusText> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.True(response.IsSuccessStatusCode, $"/metrics answered {(int)response.StatusCode}");
        return new PrometheusText(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The value of the first sample named <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public double? Value(string name, params (string Key, string Value)[] labels)
    {
        foreach (var line in Text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[name.Length..];
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' '))
            {
                continue; // a longer name with this prefix
            }

            if (labels.All(l => rest.Contains($"{l.Key}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                return double.Parse(rest[(rest.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    public bool Has(string name) => Value(name) is not null;
}
