using Hil.Reporting;

namespace Hil.ReportUi.SampleRun;

/// <summary>
/// Latency samples drawn from a seeded shifted-exponential, so the plots have real curves to draw
/// without a rig. Only the report is under test here, not these numbers.
/// </summary>
internal static class SimulatedLatency
{
    public static readonly double[] Quantiles = [0, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 0.9999, 1];

    public static double[] Samples(int seed, int count, double floorNs, double meanExtraNs)
    {
        var random = new Random(seed);
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            samples[i] = floorNs + (-meanExtraNs * Math.Log(1 - random.NextDouble()));
        }

        Array.Sort(samples);
        return samples;
    }

    public static PercentileSeries Series(string topology, double[] sorted, bool floor = false) =>
        new(topology, [.. Quantiles.Select(q => (q, sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))]))], sorted.Length, floor);

    public static List<HistogramBucket> Histogram(double[] sorted, int buckets)
    {
        var low = sorted[0];
        var width = (sorted[(int)(sorted.Length * 0.999)] - low) / buckets;
        return [.. Enumerable.Range(0, buckets).Select(b => new HistogramBucket(
            low + (b * width), low + ((b + 1) * width),
            sorted.LongCount(s => s >= low + (b * width) && s < low + ((b + 1) * width))))];
    }
}
