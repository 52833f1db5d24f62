using Pragmastat;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Hil.Latency.Compare;

/// <summary>
/// The sequential decision on per-block paired ln ratios (Student t intervals over blocks,
/// looked at after every block). Regression as soon as either percentile's decision interval
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

    /// <summary>Two-sided t interval of the mean; with fewer than two blocks it is unbounded.</summary>
    private static LnInterval Interval(double[] values, double confidence)
    {
        if (values.Length < 2)
        {
            var mean = values.Length == 1 ? values[0] : 0;
            return new LnInterval(mean, double.PositiveInfinity);
        }

        var m = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - m) * (v - m)) / (values.Length - 1));
        var t = new StudentDistribution(values.Length - 1).Quantile(new Probability(1 - ((1 - confidence) / 2)));
        return new LnInterval(m, t * sd / Math.Sqrt(values.Length));
    }

    private readonly record struct LnInterval(double Mean, double HalfWidth)
    {
        public double Low => Mean - HalfWidth;

        public double High => Mean + HalfWidth;
    }
}
