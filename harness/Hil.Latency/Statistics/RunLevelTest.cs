using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Hil.Latency.Statistics;

/// <summary>The run-level test's figures for one percentile.</summary>
/// <param name="BaselineMean">Mean of ln(percentile) over the baseline runs.</param>
/// <param name="BaselineSd">Their sample standard deviation (between-run spread, within-run noise included).</param>
/// <param name="CurrentMean">Mean of ln(percentile) over the judged runs (1, or 2 with the re-measure).</param>
/// <param name="T">Prediction t statistic, K − 1 degrees of freedom.</param>
/// <param name="PValue">One-sided: how likely a clean run (or pair) lies this far above the baseline runs.</param>
/// <param name="AboveAll">Every judged run lies above every baseline run.</param>
public sealed record RunLevelResult(int BaselineRuns, int CurrentRuns, double BaselineMean, double BaselineSd, double CurrentMean, double T, double PValue, bool AboveAll)
{
    /// <summary>
    /// P(AboveAll) for clean runs exchangeable with the baseline runs, whatever their
    /// distribution: m! K! / (K + m)! (1/(K+1) for one run, 2/((K+1)(K+2)) for two).
    /// </summary>
    public double RankBound
    {
        get
        {
            var bound = 1.0;
            for (var i = 1; i <= CurrentRuns; i++)
            {
                bound *= i / (double)(BaselineRuns + i);
            }

            return bound;
        }
    }

    /// <summary>Relative shift of the judged runs' geometric mean over the baseline runs' geometric mean.</summary>
    public double Shift => Math.Exp(CurrentMean - BaselineMean) - 1;

    /// <summary>
    /// The smallest relative shift of <paramref name="judgedRuns"/> runs that this baseline's
    /// spread lets the t-test call significant at <paramref name="alpha"/>:
    /// exp(t₁₋α(K − 1) · s · √(1/m + 1/K)) − 1. A regression half that size is inside the host's
    /// run-to-run noise and cannot be told from it, whatever the rule.
    /// </summary>
    public double DetectableShift(double alpha, int judgedRuns) =>
        Math.Exp(new StudentDistribution(BaselineRuns - 1).Quantile(new Pragmastat.Probability(1 - alpha)) * BaselineSd * Math.Sqrt((1.0 / judgedRuns) + (1.0 / BaselineRuns))) - 1;
}

/// <summary>
/// Is a run's percentile above what K clean baseline runs predict? Each run contributes one
/// number, ln(percentile), so the spread of the K values carries the between-run variance
/// (host, scheduling, process layout) on top of the within-run sampling noise — the part a
/// test on one run's samples cannot see. Under "the judged runs are drawn like the baseline
/// runs" and normality on the log scale, (ȳ − x̄) / (s √(1/m + 1/K)) is Student t with K − 1
/// degrees of freedom (a one-sided prediction interval), so the false-alarm rate is α by
/// construction for any K ≥ 2; the calibration checks that on real runs whose logs are not normal.
/// Because they are not (a loaded host gives bimodal, heavy-tailed run-level figures), the gate
/// also requires the judged runs to lie above every baseline run: a rank condition whose false-alarm
/// bound <see cref="RunLevelResult.RankBound"/> needs no distribution at all.
/// </summary>
internal static class RunLevelTest
{
    /// <summary>
    /// A floor on s: percentiles read from a 3-digit histogram are only resolved to 0.1 %, so
    /// K identical values do not mean zero spread.
    /// </summary>
    public const double MinimumSd = 0.001;

    public static RunLevelResult Greater(IReadOnlyList<double> baselineLogs, IReadOnlyList<double> currentLogs)
    {
        ArgumentNullException.ThrowIfNull(baselineLogs);
        ArgumentNullException.ThrowIfNull(currentLogs);
        ArgumentOutOfRangeException.ThrowIfLessThan(baselineLogs.Count, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(currentLogs.Count, 1);
        var k = baselineLogs.Count;
        var m = currentLogs.Count;
        var mean = baselineLogs.Average();
        var sd = Math.Max(MinimumSd, Math.Sqrt(baselineLogs.Sum(x => (x - mean) * (x - mean)) / (k - 1)));
        var current = currentLogs.Average();
        var t = (current - mean) / (sd * Math.Sqrt((1.0 / m) + (1.0 / k)));
        var p = 1 - new StudentDistribution(k - 1).Cdf(t);
        return new RunLevelResult(k, m, mean, sd, current, t, p, currentLogs.Min() > baselineLogs.Max());
    }
}
