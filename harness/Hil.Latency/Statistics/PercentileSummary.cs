using HdrHistogram;

namespace Hil.Latency.Statistics;

/// <summary>The headline percentiles of a run, in ns, read from the full histogram.</summary>
public sealed record PercentileSummary(
    long Count, long MinNs, double MeanNs, long P50Ns, long P90Ns, long P99Ns, long P999Ns, long MaxNs)
{
    public static PercentileSummary From(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return new PercentileSummary(0, 0, 0, 0, 0, 0, 0, 0);
        }

        return new PercentileSummary(
            histogram.TotalCount,
            histogram.LowestEquivalentValue(histogram.RecordedValues().First().ValueIteratedTo),
            histogram.GetMean(),
            HistogramMath.ValueAt(histogram, 0.50),
            HistogramMath.ValueAt(histogram, 0.90),
            HistogramMath.ValueAt(histogram, 0.99),
            HistogramMath.ValueAt(histogram, 0.999),
            histogram.GetMaxValue());
    }

    /// <summary>The percentile named by a fraction (0.5, 0.9, 0.99, 0.999, 1 = max).</summary>
    public long At(double quantile) => quantile switch
    {
        0.5 => P50Ns,
        0.9 => P90Ns,
        0.99 => P99Ns,
        0.999 => P999Ns,
        1.0 => MaxNs,
        _ => throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "expected 0.5, 0.9, 0.99, 0.999 or 1"),
    };
}
