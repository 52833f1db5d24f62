namespace Hil.Latency.Compare;

/// <summary>
/// The sequential decision on per-block paired ln ratios: the Hodges–Lehmann shift with its
/// Wilcoxon signed-rank bounds, taken only at the rule's looks, each look at the error level
/// <see cref="CompareRule"/> spends on it. Regression as soon as either percentile's lower bound
/// lies above the boundary ln(1 + T/2); same once each upper bound lies below its
/// <see cref="CompareRule.SameBoundary"/> (improvement if one lies below −ln(1 + T/2)); unknown
/// when the budget ends first (its last look taken).
/// </summary>
public static class CompareDecider
{
    private static readonly ComparePercentile[] Percentiles = [ComparePercentile.P50, ComparePercentile.P99];

    /// <param name="budget">The comparison's wall-time budget: the error is spent as it is used (<see cref="CompareRule"/>).</param>
    public static CompareVerdict Decide(IReadOnlyList<CompareBlock> blocks, CompareRule rule, TimeSpan budget, bool budgetSpent)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(budget, TimeSpan.Zero);
        var n = blocks.Count;
        // The budget's end forces a look wherever it falls; otherwise only the schedule's blocks are looks.
        var looks = budgetSpent || rule.LookAt(n) > 0;
        var ratios = Percentiles.ToDictionary(q => q, q => blocks.Select(b => b.LnRatio(q)).ToArray());
        var previous = rule.PreviousLookBefore(n) is var p and > 0 ? blocks[p - 1].Ended / budget : 0;
        var now = n > 0 ? blocks[^1].Ended / budget : 0;
        double Spent(double errorBudget) => CompareRule.Spent(errorBudget, previous, now, last: budgetSpent);
        // Regression's budget is shared by the two percentiles (either may call it); same needs both, so each may spend all of its own.
        var regression = Percentiles.ToDictionary(q => q, q => Interval(ratios[q], Spent(rule.RegressionErrorBudget / 2)));
        var same = Percentiles.ToDictionary(q => q, q => Interval(ratios[q], Spent(rule.SameErrorBudget)));
        var report = Percentiles.ToDictionary(q => q, q => Interval(ratios[q], (1 - rule.ReportConfidence) / 2));
        var (outcome, deciding) = looks ? Outcome(regression, same, rule) : (CompareOutcome.Undecided, (ComparePercentile?)null);
        if (outcome == CompareOutcome.Undecided && budgetSpent)
        {
            outcome = CompareOutcome.Unknown;
        }

        return new CompareVerdict(
            outcome, n, Ratio(report[ComparePercentile.P50], rule), Ratio(report[ComparePercentile.P99], rule), deciding,
            Percentiles.ToDictionary(q => q, q => Math.Exp(rule.Boundary + regression[q].HalfWidth) - 1),
            Percentiles.ToDictionary(q => q, q => Math.Exp(report[q].High) - 1));
    }

    private static (CompareOutcome, ComparePercentile?) Outcome(
        Dictionary<ComparePercentile, LnInterval> regression, Dictionary<ComparePercentile, LnInterval> same, CompareRule rule)
    {
        var boundary = rule.Boundary;
        if (Percentiles.Where(q => regression[q].Low > boundary).Select(q => (ComparePercentile?)q).FirstOrDefault() is { } worse)
        {
            return (CompareOutcome.Regression, worse);
        }

        if (!Percentiles.All(q => same[q].High < rule.SameBoundary(q)))
        {
            return (CompareOutcome.Undecided, null);
        }

        return Percentiles.Where(q => same[q].High < -boundary).Select(q => (ComparePercentile?)q).FirstOrDefault() is { } better
            ? (CompareOutcome.Improvement, better)
            : (CompareOutcome.Same, null);
    }

    private static RatioInterval Ratio(LnInterval ln, CompareRule rule) =>
        new(Math.Exp(ln.Mean), Math.Exp(ln.Low), Math.Exp(ln.High), rule.ReportConfidence);

    /// <summary>
    /// The Hodges–Lehmann shift (median of the Walsh averages) with its Wilcoxon signed-rank
    /// bounds, each one-sided at <paramref name="alpha"/> (<see cref="SignedRank"/>: exact for the
    /// block counts a comparison reaches): a block taken while the host stalled (seen here: one
    /// burst's p50 40× the others') moves it by one rank, where it would drag a mean and
    /// widen a t interval for the rest of the comparison. Too few blocks: unbounded.
    /// </summary>
    private static LnInterval Interval(double[] values, double alpha)
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
        var k = SignedRank.BoundRank(n, alpha);
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
