using System.Globalization;
using System.Text;
using HdrHistogram;
using HdrHistogram.Iteration;
using Hil.Latency.Files;
using Hil.Latency.Statistics;

namespace Hil.Reporting;

/// <summary>
/// Turns measured runs into the plain plot inputs: a percentile series per run on the nines
/// axis, its floor as a dashed series, log-spaced histogram buckets, and the raw histogram.
/// </summary>
public static class LatencyRunSeries
{
    /// <summary>Quantiles plotted for a run: the body, then one point per extra nine up to what the sample supports.</summary>
    private static readonly double[] Quantiles = [0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9999];

    public static PercentileSeries Of(LatencyRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var n = run.Histogram.TotalCount;
        var points = Quantiles.Where(q => n * (1 - q) >= 1)
            .Select(q => (q, (double)run.Histogram.GetValueAtPercentile(q * 100.0)))
            .ToList();
        return new PercentileSeries(run.Key.Topology, points, n);
    }

    /// <summary>The floor hil-floor measured for the run's primitive; null when the run has none.</summary>
    public static PercentileSeries? FloorOf(LatencyRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Floor is not { } f
            ? null
            : new PercentileSeries($"{run.Key.Topology} ({f.Primitive})", [(0.5, f.P50Ns), (0.99, f.P99Ns), (0.999, f.P999Ns)], f.Samples, IsFloor: true);
    }

    /// <summary>Buckets doubling in width from 1 µs, so microsecond bodies and millisecond tails both show.</summary>
    public static IReadOnlyList<HistogramBucket> Buckets(LatencyRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var counts = new SortedDictionary<int, long>();
        foreach (var value in run.Histogram.RecordedValues())
        {
            // The iterator reuses its value object: read it before moving on.
            var bucket = value.ValueIteratedTo < 1_000 ? 0 : (int)Math.Log2(value.ValueIteratedTo / 1_000.0) + 1;
            counts[bucket] = counts.GetValueOrDefault(bucket) + value.CountAtValueIteratedTo;
        }

        return [.. counts.Select(kv => new HistogramBucket(kv.Key == 0 ? 0 : 1_000.0 * Math.Pow(2, kv.Key - 1), 1_000.0 * Math.Pow(2, kv.Key), kv.Value))];
    }

    /// <summary>The raw histogram: HdrHistogram's compressed form (decodable by any HdrHistogram port) with a readable header.</summary>
    public static string RawLog(LatencyRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var log = new StringBuilder();
        log.Append(CultureInfo.InvariantCulture, $"#[topology {run.Key.Topology}, rig {run.Key.Rig}, host {run.Host}, samples {run.Histogram.TotalCount}, unit ns]\n");
        log.Append("#[HdrHistogram V2 compressed, base64]\n");
        log.Append(HistogramCodec.ToCompressedBase64(run.Histogram)).Append('\n');
        return log.ToString();
    }
}
