using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;

namespace Hil.Latency.Statistics;

/// <summary>A Harrell-Davis quantile with its Maritz-Jarrett confidence interval, in ns.</summary>
public sealed record QuantileEstimate(double Quantile, double EstimateNs, double LowerNs, double UpperNs, double StandardErrorNs, double Confidence, int SampleSize);

/// <summary>
/// Harrell-Davis quantiles (Perfolizer 0.6.1) with Maritz-Jarrett intervals. HD weighs every
/// order statistic with an incomplete-beta weight, O(n) beta evaluations per quantile, so it
/// runs on the recorder's uniform subsample (at most <see cref="Recording.LatencyRecorder.DefaultSubsampleSize"/>
/// values), never on millions of samples; the histogram gives the full-sample percentiles.
/// </summary>
internal static class HarrellDavis
{
    public static readonly IReadOnlyList<double> ReportedQuantiles = [0.5, 0.9, 0.99, 0.999];

    public static IReadOnlyList<QuantileEstimate> Estimate(IReadOnlyList<long> subsample, IReadOnlyList<double> quantiles, double confidence = 0.99)
    {
        ArgumentNullException.ThrowIfNull(subsample);
        ArgumentNullException.ThrowIfNull(quantiles);
        if (subsample.Count < 2)
        {
            return [];
        }

        var sample = ToSample(subsample);
        var level = new ConfidenceLevel(confidence);
        var result = new List<QuantileEstimate>(quantiles.Count);
        foreach (var q in quantiles)
        {
            var estimator = HarrellDavisQuantileEstimator.Instance.QuantileConfidenceIntervalEstimator(sample, new Probability(q));
            var ci = estimator.ConfidenceInterval(level);
            result.Add(new QuantileEstimate(q, ci.Estimation, ci.Lower, ci.Upper, estimator.StandardError, confidence, sample.Size));
        }

        return result;
    }

    internal static Sample ToSample(IReadOnlyList<long> values)
    {
        var doubles = new double[values.Count];
        for (var i = 0; i < doubles.Length; i++)
        {
            doubles[i] = values[i];
        }

        return new Sample(doubles);
    }
}
