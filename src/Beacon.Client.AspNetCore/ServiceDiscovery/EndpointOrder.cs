using Beacon.Contracts;

namespace Beacon.Client.AspNetCore.ServiceDiscovery;

/// <summary>
/// Microsoft.Extensions.ServiceDiscovery picks among the endpoints a provider returns in round robin,
/// with no notion of weight. So the provider returns one cycle of a smooth weighted round robin
/// (nginx' algorithm) over the view's candidates: an instance of weight 200 appears twice as often as
/// one of weight 100, spread out rather than in a row. The candidates already prefer the caller's zone.
/// </summary>
internal static class EndpointOrder
{
    /// <summary>The longest cycle; weights are scaled down (keeping at least 1 each) to fit.</summary>
    private const int MaxCycle = 1000;

    public static List<(InstanceInfo Instance, Uri Address)> Build(ServiceView view, IReadOnlyList<string> schemes)
    {
        var reachable = new List<(InstanceInfo Instance, Uri Address)>();
        foreach (var instance in view.Candidates)
        {
            if (AddressFor(instance, schemes) is { } address)
            {
                reachable.Add((instance, address));
            }
        }

        if (reachable.Count <= 1)
        {
            return reachable;
        }

        var weights = Normalize(reachable.Select(r => r.Instance.Weight).ToArray());
        var total = weights.Sum();
        var current = new long[weights.Length];
        var cycle = new List<(InstanceInfo, Uri)>(total);
        for (var step = 0; step < total; step++)
        {
            var best = 0;
            for (var i = 0; i < weights.Length; i++)
            {
                current[i] += weights[i];
                if (current[i] > current[best])
                {
                    best = i;
                }
            }

            current[best] -= total;
            cycle.Add(reachable[best]);
        }

        return cycle;
    }

    /// <summary>The instance's first address whose scheme the caller accepts, in the caller's order of preference.</summary>
    internal static Uri? AddressFor(InstanceInfo instance, IReadOnlyList<string> schemes)
    {
        if (schemes.Count == 0)
        {
            return instance.Addresses.Count > 0 && Uri.TryCreate(instance.Addresses[0], UriKind.Absolute, out var any) ? any : null;
        }

        foreach (var scheme in schemes)
        {
            foreach (var text in instance.Addresses)
            {
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme.Equals(scheme, StringComparison.OrdinalIgnoreCase))
                {
                    return uri;
                }
            }
        }

        return null;
    }

    /// <summary>Divides by the greatest common divisor, then scales down if the cycle would be too long.</summary>
    internal static int[] Normalize(int[] weights)
    {
        var gcd = weights.Aggregate(0, Gcd);
        var reduced = weights.Select(w => w / gcd).ToArray();
        var total = reduced.Sum();
        if (total <= MaxCycle)
        {
            return reduced;
        }

        return [.. reduced.Select(w => Math.Max(1, (int)((long)w * MaxCycle / total)))];
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
