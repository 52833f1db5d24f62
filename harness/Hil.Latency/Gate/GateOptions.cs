namespace Hil.Latency.Gate;

/// <summary>What each run contributes to the run-level test for a percentile.</summary>
public enum GateNormalisation
{
    /// <summary>ln(percentile).</summary>
    None,

    /// <summary>
    /// ln(percentile / the same run's floor percentile). Off by default: with the floor beside the
    /// run it cut the between-run spread 2.3-4.4x (benchmarks/gate-calibration.md, 2026-12-02), but
    /// the floor moves with what the run does to the host: with a 2 us delay injected at Driver1
    /// the one-process run's p50 rose 31x and its in-process floor beside it ~25x, leaving +24 %.
    /// A regression that changes the host's load could hide the same way.
    /// </summary>
    Floor,
}

/// <summary>
/// How the gate decides (DESIGN.md §7, benchmarks/gate-calibration.md). A gated percentile
/// regresses when the current run lies above what the K baseline runs predict (run-level
/// prediction t-test, one-sided p &lt; <see cref="Alpha"/>) AND its shift over the baseline
/// runs' geometric mean reaches <see cref="PracticalBar"/>; the gate fails only when the
/// confirming re-measure holds it up: current and re-measure together significant and past
/// the bar, and the re-measure alone past the bar.
/// Every setter checks its value (<see cref="GateValidation"/>): a NaN alpha or threshold would
/// make every comparison false and pass any regression, so such options cannot be built.
/// </summary>
public sealed record GateOptions
{
    /// <summary>The largest --threshold: a regression to catch beyond 10x the baseline is no gate.</summary>
    public const double MaxThresholdPercent = 1000;

    public static readonly GateOptions Default = new();

    private readonly double alpha = 0.005;
    private readonly double thresholdPercent = 10;
    private readonly double practicalMargin = 0.5;
    private readonly IReadOnlyList<double> percentiles = [0.5, 0.99];
    private readonly int minBaselineRuns = 3;

    /// <summary>One-sided significance level per percentile; the false-alarm rate is at most about Alpha × percentiles.</summary>
    public double Alpha { get => alpha; init => alpha = GateValidation.Alpha(value); }

    /// <summary>The smallest regression, in % of the baseline percentile, the gate is meant to catch.</summary>
    public double ThresholdPercent { get => thresholdPercent; init => thresholdPercent = GateValidation.ThresholdPercent(value); }

    /// <summary>
    /// Fraction of the threshold the observed shift must reach. Below 1 because a true shift
    /// of exactly the threshold is observed below it about half the time; the calibration
    /// measured the power of +10 % with this bar.
    /// </summary>
    public double PracticalMargin { get => practicalMargin; init => practicalMargin = GateValidation.PracticalMargin(value); }

    /// <summary>Percentiles (fractions) the gate decides on.</summary>
    public IReadOnlyList<double> Percentiles { get => percentiles; init => percentiles = GateValidation.Percentiles(value); }

    /// <summary>
    /// Fewest baseline runs the gate accepts. One run cannot show between-run variance, and
    /// with 2 the t quantile at α = 0.005 is 64 standard deviations, which makes the gate blind.
    /// </summary>
    public int MinBaselineRuns { get => minBaselineRuns; init => minBaselineRuns = GateValidation.MinBaselineRuns(value); }

    public GateNormalisation Normalisation { get; init; } = GateNormalisation.None;

    /// <summary>The observed shift a percentile must reach, as a fraction (0.05 = 5 %).</summary>
    public double PracticalBar => ThresholdPercent / 100.0 * PracticalMargin;
}
