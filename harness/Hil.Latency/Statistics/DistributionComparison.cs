using HdrHistogram;
using Perfolizer.Mathematics.Functions;
using Pragmastat;

namespace Hil.Latency.Statistics;

/// <summary>A distribution to compare: the full histogram plus a uniform subsample of raw values.</summary>
public sealed record LatencyDistribution(string Label, HistogramBase Histogram, IReadOnlyList<long> Subsample);

/// <summary>Decile d of b minus decile d of a (Harrell-Davis), and the same as a fraction of a's decile.</summary>
public sealed record DecileShift(double Quantile, double ANs, double BNs, double ShiftNs, double Relative);

/// <summary>b against a: percentile ratios, the shift function per decile and Mann-Whitney p-values.</summary>
public sealed record ComparisonResult(
    string A,
    string B,
    IReadOnlyDictionary<string, double> Ratios,
    IReadOnlyList<DecileShift> Shift,
    double MannWhitneyPGreater,
    double MannWhitneyPTwoSided);

/// <summary>
/// Compares two latency distributions side by side (topologies in one run, or a run with
/// its baseline). Ratios come from the full histograms; the shift function (Doksum; HD
/// deciles via Perfolizer's ShiftFunction) and Mann-Whitney (<see cref="MannWhitney"/>) run on the subsamples.
/// </summary>
internal static class DistributionComparison
{
    public static readonly IReadOnlyList<double> Deciles = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    public static ComparisonResult Compare(LatencyDistribution a, LatencyDistribution b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var ratios = new Dictionary<string, double>
        {
            ["p50"] = Ratio(a.Histogram, b.Histogram, 0.5),
            ["p90"] = Ratio(a.Histogram, b.Histogram, 0.9),
            ["p99"] = Ratio(a.Histogram, b.Histogram, 0.99),
            ["p999"] = Ratio(a.Histogram, b.Histogram, 0.999),
        };
        if (a.Subsample.Count < 2 || b.Subsample.Count < 2)
        {
            return new ComparisonResult(a.Label, b.Label, ratios, [], double.NaN, double.NaN);
        }

        var sa = HarrellDavis.ToSample(a.Subsample);
        var sb = HarrellDavis.ToSample(b.Subsample);
        return new ComparisonResult(a.Label, b.Label, ratios, ShiftFunctionOf(sa, sb), MannWhitney.PGreater(sb.Values, sa.Values), MannWhitney.PTwoSided(sb.Values, sa.Values));
    }

    private static List<DecileShift> ShiftFunctionOf(Sample a, Sample b)
    {
        var probabilities = Deciles.Select(d => new Probability(d)).ToArray();
        var shifts = ShiftFunction.Instance.Values(a, b, probabilities);
        var result = new List<DecileShift>(Deciles.Count);
        for (var i = 0; i < Deciles.Count; i++)
        {
            var baseValue = Perfolizer.Mathematics.QuantileEstimators.HarrellDavisQuantileEstimator.Instance.Quantile(a, probabilities[i]).NominalValue;
            result.Add(new DecileShift(Deciles[i], baseValue, baseValue + shifts[i], shifts[i], baseValue > 0 ? shifts[i] / baseValue : double.NaN));
        }

        return result;
    }

    private static double Ratio(HistogramBase a, HistogramBase b, double q)
    {
        var denominator = HistogramMath.ValueAt(a, q);
        return denominator == 0 ? double.NaN : (double)HistogramMath.ValueAt(b, q) / denominator;
    }
}
