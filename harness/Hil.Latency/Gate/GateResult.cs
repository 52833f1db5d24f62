using Hil.Latency.Files;
using Hil.Latency.Statistics;

namespace Hil.Latency.Gate;

public enum GateDecision
{
    /// <summary>No gated percentile regressed, or the confirming re-measure did not hold it up.</summary>
    Pass,

    /// <summary>A percentile regressed in the current run and the re-measure held it up.</summary>
    Regression,

    /// <summary>The current run regressed but no confirming re-measure was given: fails closed.</summary>
    UnconfirmedRegression,
}

/// <summary>
/// One gated percentile judged against the baseline runs. <see cref="Shift"/> and the test are
/// over the judged runs (the current run; current and re-measure together at the confirm
/// stage); <see cref="OwnShift"/> is the newest run's alone.
/// </summary>
public sealed record PercentileCheck(
    double Quantile,
    long BaselineNs,
    long BaselineMinNs,
    long BaselineMaxNs,
    long CurrentNs,
    double Shift,
    double OwnShift,
    RunLevelResult Test,
    double Alpha,
    double Bar)
{
    public double PValue => Test.PValue;

    public bool Significant => GateRule.Significant(Test, Alpha);

    public bool Practical => GateRule.Practical(Test, OwnShift, Bar);

    public bool Regressed => GateRule.Regressed(Test, OwnShift, Alpha, Bar);

    /// <summary>The smallest shift of current and re-measure together this baseline's spread lets the gate declare (never below the practical bar).</summary>
    public double DetectableShift => Math.Max(Bar, Test.DetectableShift(Alpha, 2));

    public string Name => $"p{Quantile * 100:0.###}";
}

/// <summary>One run (current or confirm) judged against the baseline.</summary>
public sealed record GateStage(
    string Label,
    string Source,
    RunKey Key,
    IReadOnlyList<PercentileCheck> Checks,
    ComparisonResult? Comparison,
    IReadOnlyList<LatencyWarning> Warnings)
{
    public bool Regressed => Checks.Any(c => c.Regressed);

    public IReadOnlyList<bool> RegressedByPercentile => [.. Checks.Select(c => c.Regressed)];

    public IEnumerable<string> Moved => Checks.Where(c => c.Regressed).Select(c => c.Name);

    public PercentileCheck Check(double quantile) => Checks.First(c => c.Quantile.Equals(quantile));
}

/// <summary>The verdict with all its evidence; <see cref="ExitCode"/> is what `hil gate` returns.</summary>
public sealed record GateResult(
    GateDecision Decision,
    GateOptions Options,
    string BaselineSource,
    RunKey BaselineKey,
    IReadOnlyList<PercentileSummary> BaselineRuns,
    GateStage Current,
    GateStage? Confirm)
{
    public int ExitCode => Decision == GateDecision.Pass ? 0 : 1;

    public string Evidence => GateReport.Render(this);
}
