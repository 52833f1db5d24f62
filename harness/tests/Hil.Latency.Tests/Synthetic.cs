using Hil.Latency.Files;
using Hil.Latency.Measurement;

namespace Hil.Latency.Tests;

/// <summary>Known distributions, seeded, for tests that check statistics against theory.</summary>
internal static class Synthetic
{
    public static readonly RunKey Key = new("sim-test", "app-relay", "0.1.0", "test-os");

    public static long[] LogNormal(int n, double medianNs, double sigma, int seed)
    {
        var random = new Random(seed);
        var values = new long[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = (long)(medianNs * Math.Exp(sigma * Gauss(random)));
        }

        return values;
    }

    public static long[] Uniform(int n, long low, long high, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.NextInt64(low, high)).ToArray();
    }

    public static long[] Exponential(int n, double meanNs, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (long)(-meanNs * Math.Log(1 - random.NextDouble())) + 1).ToArray();
    }

    public static LatencyRun Run(long[] values, RunKey? key = null, bool analyse = false) =>
        RunAnalysis.FromValues(Metadata(key ?? Key), values, analyse: analyse);

    public static RunMetadata Metadata(RunKey key) =>
        new(key, "test-host", LoadMode.OpenLoop, 1000, 0, 0, "2026-01-01T00:00:00Z", null, null);

    private static double Gauss(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
