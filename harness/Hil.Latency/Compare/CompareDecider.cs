using Pragmastat;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;


namespace Hil.Latency.Compare;

/// <summary>
/// The sequential decision on per-block paired ln ratios (Hodges–Lehmann shift with its
/// Wilcoxon signed-rank interval over blocks, looked at after every block). Regression as soon as either percentile's decision interval
/// lies wholly above the boundary ln(1 + T/2); same once both lie wholly below it (improvement
/// if one lies wholly below −ln(1 + T/2)); unknown when the budget ends first.
/// </summary>
public static class CompareDecider
{
    private static readonly ComparePercentile[] Percentiles = [ComparePercentile.P50, ComparePercentile.P99];

    public static CompareVerdict Decide(IReadOnlyList<CompareBlock> blocks, CompareRule rule, bool budgetSpent)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(rule);
        var n = blocks.Count;
        var ratios = Percentiles.ToDictionary(q => q, q => blocks.Select(b => b.LnRatio(q)).ToArray());
        var decision = Percentiles.ToDictionary(q => q, q => Interval(ratios[q], rule.DecisionConfidence));
        var report = Percentiles.ToDictionary(q => q, q => Interval(ratios[q], rule.ReportConfidence));
        var (outcome, deciding) = n < rule.MinBlocks ? (CompareOutcome.Undecided, (ComparePercentile?)null) : Outcome(decision, rule.Boundary);
        if (outcome == CompareOutcome.Undecided && budgetSpent)
        {
            outcome = CompareOutcome.Unknown;
        }

        return new CompareVerdict(
            outcome, n, Ratio(report[ComparePercentile.P50], rule), Ratio(report[ComparePercentile.P99], rule), deciding,
            Percentiles.ToDictionary(q => q, q => Math.Exp(rule.Boundary + decision[q].HalfWidth) - 1),
            Percentiles.ToDictionary(q => q, q => Math.Exp(report[q].High) - 1));
    }

    private static (CompareOutcome, ComparePercentile?) Outcome(Dictionary<ComparePercentile, LnInterval> decision, double boundary)
    {
        if (Percentiles.Where(q => decision[q].Low > boundary).Select(q => (ComparePercentile?)q).FirstOrDefault() is { } worse)
        {
            return (CompareOutcome.Regression, worse);
        }

        if (!Percentiles.All(q => decision[q].High < boundary))
        {
            return (CompareOutcome.Undecided, null);
        }

        return Percentiles.Where(q => decision[q].High < -boundary).Select(q => (ComparePercentile?)q).FirstOrDefault() is { } better
            ? (CompareOutcome.Improvement, better)
            : (CompareOutcome.Same, null);
    }

    private static RatioInterval Ratio(LnInterval ln, CompareRule rule) =>
        new(Math.Exp(ln.Mean), Math.Exp(ln.Low), Math.Exp(ln.High), rule.ReportConfidence);

    /// <summary>
    /// The Hodges–Lehmann shift (median of the Walsh averages) with its Wilcoxon signed-rank
    /// interval, normal approximation: a block taken while the host stalled (seen here: one
    /// burst's p50 40× the others') moves it by one rank, where it would drag a mean and
    /// widen a t interval for the rest of the comparison. Too few blocks: unbounded.
    /// </summary>
    private static LnInterval Interval(double[] values, double confidence)
    {
        var n = values.Length;
        var walsh = new List<double>(n * (n + 1) / 2);
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                walsh.Add((values[i] + values[j]) / 2);
            }
        }

        walsh.Sort();
        var center = walsh.Count == 0 ? 0 : Median(walsh);
        var z = NormalDistribution.Standard.Quantile(new Probability(1 - ((1 - confidence) / 2)));
        var k = (int)Math.Floor((n * (n + 1) / 4.0) - (z * Math.Sqrt(n * (n + 1) * ((2.0 * n) + 1) / 24)));
        return k < 1
            ? new LnInterval(center, double.NegativeInfinity, double.PositiveInfinity)
            : new LnInterval(center, walsh[k - 1], walsh[walsh.Count - k]);
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private readonly record struct LnInterval(double Mean, double Low, double High)
    {
        /// <summary>The wider side: what a verdict must outgrow.</summary>
        public double HalfWidth => Math.Max(Mean - Low, High - Mean);
    }
}
