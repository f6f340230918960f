namespace Beacon.ClusterBench;

/// <summary>Percentiles of a list of samples (milliseconds).</summary>
internal static class Percentiles
{
    public static double Of(List<double> samples, double percentile)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        samples.Sort();
        var rank = (int)Math.Ceiling(percentile / 100 * samples.Count) - 1;
        return samples[Math.Clamp(rank, 0, samples.Count - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var list = values.Order().ToList();
        return list.Count == 0 ? double.NaN : list.Count % 2 == 1 ? list[list.Count / 2] : (list[(list.Count / 2) - 1] + list[list.Count / 2]) / 2;
    }
}
