using HdrHistogram;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Hil.Latency.Statistics;

/// <summary>One side of the exceedance test: how much of each sample lay above the pooled cut.</summary>
internal sealed record ExceedanceResult(double Quantile, long CutNs, long BaselineAbove, long BaselineCount, long CurrentAbove, long CurrentCount, double Z, double PValue);

/// <summary>
/// Is the current run's q-quantile above the baseline's? Mood's median test generalised to
/// any quantile: cut both samples at the pooled q-quantile and compare the fractions above
/// it with a one-sided two-proportion z-test. It is distribution-free, needs no density
/// estimate at the tail, and works on whole histograms (all n, not a subsample), which is
/// what gives it power at p99 where only 1 % of the values carry the signal.
/// </summary>
internal static class QuantileExceedanceTest
{
    public static ExceedanceResult Greater(HistogramBase baseline, HistogramBase current, double quantile)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(quantile, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(quantile, 1.0);
        var pooled = HistogramMath.Sum(baseline, current);
        var cut = HistogramMath.ValueAt(pooled, quantile);
        var b = HistogramMath.CountAbove(baseline, cut);
        var c = HistogramMath.CountAbove(current, cut);
        var (z, p) = OneSidedTwoProportion(c, current.TotalCount, b, baseline.TotalCount);
        return new ExceedanceResult(quantile, cut, b, baseline.TotalCount, c, current.TotalCount, z, p);
    }

    /// <summary>P(first proportion is not larger than the second) under the pooled null; 1 when undefined.</summary>
    internal static (double Z, double P) OneSidedTwoProportion(long x1, long n1, long x2, long n2)
    {
        if (n1 == 0 || n2 == 0)
        {
            return (0, 1);
        }

        var pooled = (double)(x1 + x2) / (n1 + n2);
        var variance = pooled * (1 - pooled) * ((1.0 / n1) + (1.0 / n2));
        if (variance <= 0)
        {
            return (0, 1);
        }

        var z = (((double)x1 / n1) - ((double)x2 / n2)) / Math.Sqrt(variance);
        return (z, NormalDistribution.Standard.Cdf(-z));
    }
}
