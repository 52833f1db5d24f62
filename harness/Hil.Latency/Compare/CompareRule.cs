using Hil.Foundation;

namespace Hil.Latency.Compare;

/// <summary>
/// How a comparison decides. The practical threshold T (default 10 %) is the shift that must
/// be caught; the decision boundary sits halfway, at ln(1 + T/2), so a true shift of 0 and a
/// true shift of T are each half a threshold from it and the two errors are balanced.
/// "Same" means p50 shown below that boundary and p99 shown below the threshold itself,
/// ln(1 + T) (<see cref="SameBoundary"/>): a burst's p99 swings far wider than its p50 on a
/// shared host, so pinning it within T/2 left identical builds "unknown"; a p99 regression of
/// T or more still cannot pass as "same" beyond the same budget.
/// </summary>
/// <remarks>
/// The error budget is stated, not hoped for: the rule looks only at blocks
/// <see cref="FirstLook"/>, ×<see cref="LookGrowth"/>, … and spends the budget in proportion to
/// the wall-time budget used (Lan–DeMets spending on calendar time, linear): a look at elapsed
/// fraction t of the budget may spend α·(t − t_prev), the look the budget's end forces spends the
/// rest, α·(1 − t_prev). The increments sum to α however many looks the blocks' pace allows, so
/// by the union bound over looks and percentiles P(regression | both true shifts ≤ the
/// boundary) ≤ <see cref="RegressionErrorBudget"/> and P(same | a true p50 shift ≥ the boundary
/// or a true p99 shift ≥ T) ≤ <see cref="SameErrorBudget"/>; at a true 0 or T the errors are far
/// smaller. (Before: α·6/(π²k²) at look k, which spent 61 % on the first look and left the
/// 14th look of a 1 kHz comparison 0.3 % of α; quiet identical builds ended "unknown" with
/// their 95 % intervals inside ±2 %.)
/// </remarks>
public sealed record CompareRule
{
    public const double DefaultThresholdPercent = 10;

    public double ThresholdPercent { get; init; } = DefaultThresholdPercent;

    /// <summary>Total chance, over every look and both percentiles, of calling a regression no larger than the boundary.</summary>
    public double RegressionErrorBudget { get; init; } = 0.01;

    /// <summary>Total chance, over every look, of calling "same" a shift at least as large as the boundary.</summary>
    public double SameErrorBudget { get; init; } = 0.01;

    /// <summary>Confidence of the intervals reported beside the verdict.</summary>
    public double ReportConfidence { get; init; } = 0.95;

    /// <summary>The first look, in blocks: with fewer the exact signed-rank bounds at the first look's level (0.3 %) are the extreme blocks or unbounded.</summary>
    public int FirstLook { get; init; } = 12;

    /// <summary>Each look after the first comes at this many times the blocks of the one before.</summary>
    public double LookGrowth { get; init; } = 1.25;

    public double Boundary => Math.Log(1 + (ThresholdPercent / 200));

    /// <summary>The ln shift an upper bound must lie below for "same": the boundary for p50, the threshold itself for p99.</summary>
    public double SameBoundary(ComparePercentile percentile) =>
        percentile == ComparePercentile.P50 ? Boundary : Math.Log(1 + (ThresholdPercent / 100));

    /// <summary>The look number (1, 2, …) taken at <paramref name="blocks"/> blocks, or 0 when the rule does not look there.</summary>
    public int LookAt(int blocks) => LooksBefore(blocks + 1) is var looks && looks.Count > 0 && looks[^1] == blocks ? looks.Count : 0;

    /// <summary>The blocks at the look before the one taken at <paramref name="blocks"/> (0 when that is the first).</summary>
    public int PreviousLookBefore(int blocks) => LooksBefore(blocks) is { Count: > 0 } looks ? looks[^1] : 0;

    /// <summary>The schedule, in one place: the block counts of every look before <paramref name="blocks"/>.</summary>
    private List<int> LooksBefore(int blocks)
    {
        var looks = new List<int>();
        for (var n = (double)FirstLook; Math.Ceiling(n) < blocks; n = Math.Max(n * LookGrowth, n + 1))
        {
            looks.Add((int)Math.Ceiling(n));
        }

        return looks;
    }

    /// <summary>
    /// The one-sided error level a look may spend of <paramref name="errorBudget"/>: in proportion to
    /// the wall-time budget used since the previous look (fractions <paramref name="previous"/> and
    /// <paramref name="now"/> of it), or all that is left when the budget's end forces the look.
    /// </summary>
    public static double Spent(double errorBudget, double previous, double now, bool last)
    {
        var before = Math.Clamp(previous, 0, 1);
        return errorBudget * ((last ? 1 : Math.Clamp(now, 0, 1)) - before);
    }

    public void Validate()
    {
        if (ThresholdPercent is <= 0 or > 1000)
        {
            throw new InputException($"--threshold {ThresholdPercent}: expected a percentage above 0 and at most 1000");
        }

        if (FirstLook < 2)
        {
            throw new InputException($"first look at {FirstLook} blocks: expected 2 or more (a spread needs two)");
        }

        if (LookGrowth <= 1 || RegressionErrorBudget is <= 0 or >= 1 || SameErrorBudget is <= 0 or >= 1)
        {
            throw new InputException($"look growth {LookGrowth}, error budgets {RegressionErrorBudget}/{SameErrorBudget}: expected growth above 1 and budgets between 0 and 1");
        }
    }
}
