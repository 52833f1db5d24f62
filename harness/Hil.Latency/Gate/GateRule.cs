using Hil.Latency.Statistics;

namespace Hil.Latency.Gate;

/// <summary>
/// The gate's rule, in one place (GateOptions states it in words): a gated percentile regresses
/// when the judged runs lie above the baseline runs (run-level test significant, above every
/// baseline run) and both their shift and the newest run's own shift reach the practical bar;
/// the gate fails when a percentile regressed in the current run and the confirming re-measure
/// holds the same percentile up. <see cref="RegressionGate.Evaluate"/> (with evidence) and
/// <see cref="RegressionGate.Decide"/> (the calibration's thousands of trials) both apply it.
/// </summary>
internal static class GateRule
{
    /// <summary>One percentile's decision-variable column judged: the judged runs (current; current and re-measure) against the baseline runs.</summary>
    public static (RunLevelResult Test, double OwnShift) Judge(double[] baselineColumn, double[] judged)
    {
        ArgumentNullException.ThrowIfNull(judged);
        var test = RunLevelTest.Greater(baselineColumn, judged);
        return (test, Math.Exp(judged[^1] - test.BaselineMean) - 1);
    }

    public static bool Significant(RunLevelResult test, double alpha)
    {
        ArgumentNullException.ThrowIfNull(test);
        return test.PValue < alpha && test.AboveAll;
    }

    public static bool Practical(RunLevelResult test, double ownShift, double bar)
    {
        ArgumentNullException.ThrowIfNull(test);
        return test.Shift >= bar && ownShift >= bar;
    }

    public static bool Regressed(RunLevelResult test, double ownShift, double alpha, double bar) =>
        Significant(test, alpha) && Practical(test, ownShift, bar);

    /// <summary>
    /// The verdict from which percentiles regressed at each stage; <paramref name="confirm"/> null =
    /// no re-measure was made, so a regression of the current run fails closed.
    /// </summary>
    public static GateDecision Decide(IReadOnlyList<bool> current, IReadOnlyList<bool>? confirm)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!current.Any(regressed => regressed))
        {
            return GateDecision.Pass;
        }

        if (confirm is null)
        {
            return GateDecision.UnconfirmedRegression;
        }

        return current.Zip(confirm).Any(p => p.First && p.Second) ? GateDecision.Regression : GateDecision.Pass;
    }
}
