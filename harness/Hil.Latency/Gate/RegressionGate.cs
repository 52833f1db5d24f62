using Hil.Latency.Files;
using Hil.Latency.Statistics;

namespace Hil.Latency.Gate;

/// <summary>A measurement to judge and where it came from (a file path, a command, "resampled" …).</summary>
public sealed record GateInput(LatencyRun Run, string Source);

/// <summary>K clean runs of one rig/topology/dext/OS, and where they came from (a store key, files).</summary>
public sealed record BaselineSet(IReadOnlyList<LatencyRun> Runs, string Source);

/// <summary>
/// The latency regression gate as a library, so `hil gate` and the NUnit gate suite share
/// it. Validate → judge the current run against the K baseline runs → only if it regressed,
/// obtain the confirming re-measure and judge current and re-measure together → verdict with evidence.
/// Why run-level: two real runs of one build differ by far more than their sampling noise
/// (host load, scheduling, process placement), so a test on one run's samples against
/// another's alarms on the host, not the driver (benchmarks/gate-calibration.md).
/// </summary>
public static class RegressionGate
{
    /// <param name="confirm">Produces the confirming re-measure from what is in hand; called only when the current run regressed. Null = none available.</param>
    public static GateResult Evaluate(BaselineSet baseline, GateInput current, GateOptions options, Func<GateInput>? confirm = null)
    {
        var first = JudgeCurrent(baseline, current, options);
        return Conclude(first, first.Stage.Regressed ? confirm?.Invoke() : null);
    }

    /// <param name="confirm">Measures the confirming re-measure (a command, a rig run); awaited only when the current run regressed. Null = none available.</param>
    public static async Task<GateResult> EvaluateAsync(
        BaselineSet baseline, GateInput current, GateOptions options, Func<CancellationToken, Task<GateInput>>? confirm, CancellationToken cancellationToken)
    {
        var first = JudgeCurrent(baseline, current, options);
        var confirmInput = first.Stage.Regressed && confirm is not null ? await confirm(cancellationToken).ConfigureAwait(false) : null;
        return Conclude(first, confirmInput);
    }

    /// <summary>
    /// The decision alone, on decision variables already computed (<see cref="RunFigures.ToLogs"/>):
    /// what the calibration runs thousands of times, by <see cref="GateRule"/> as <see cref="Evaluate"/>;
    /// <paramref name="confirm"/> null = no re-measure, so a regression fails closed (true).
    /// </summary>
    public static bool Decide(IReadOnlyList<double[]> baseline, double[] current, double[]? confirm, GateOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        var columns = Enumerable.Range(0, options.Percentiles.Count).Select(i => baseline.Select(b => b[i]).ToArray()).ToArray();
        var regressed = columns.Select((column, i) => Regressed(column, [current[i]], options)).ToArray();

        // Only a percentile the current run moved can be held up: the others' confirm tests are not needed.
        var held = confirm is null ? null : columns.Select((column, i) => regressed[i] && Regressed(column, [current[i], confirm[i]], options)).ToArray();
        return GateRule.Decide(regressed, held) != GateDecision.Pass;
    }

    private static bool Regressed(double[] column, double[] judged, GateOptions options)
    {
        var (test, own) = GateRule.Judge(column, judged);
        return GateRule.Regressed(test, own, options.Alpha, options.PracticalBar);
    }

    private static FirstStage JudgeCurrent(BaselineSet baseline, GateInput current, GateOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        GateValidation.Check(baseline, current, options);
        var figures = baseline.Runs.Select((r, i) => RunFigures.From(r, options, $"{baseline.Source} run {i + 1}")).ToList();
        var currentFigures = RunFigures.From(current.Run, options, current.Source);
        return new FirstStage(baseline, options, figures, currentFigures, Judge("current", baseline, figures, [currentFigures], current, options));
    }

    private static GateResult Conclude(FirstStage first, GateInput? confirmInput)
    {
        var (baseline, options) = (first.Baseline, first.Options);
        GateStage? confirmStage = null;
        if (confirmInput is not null)
        {
            GateValidation.Check(baseline, confirmInput, options);
            var confirmFigures = RunFigures.From(confirmInput.Run, options, confirmInput.Source);
            confirmStage = Judge("confirm", baseline, first.Figures, [first.CurrentFigures, confirmFigures], confirmInput, options);
        }

        var decision = GateRule.Decide(first.Stage.RegressedByPercentile, confirmStage?.RegressedByPercentile);
        return new GateResult(decision, options, baseline.Source, baseline.Runs[0].Key, baseline.Runs.Select(r => r.Summary).ToList(), first.Stage, confirmStage);
    }

    private static GateStage Judge(string label, BaselineSet baseline, List<RunFigures> figures, RunFigures[] judged, GateInput newest, GateOptions options)
    {
        var checks = new List<PercentileCheck>(options.Percentiles.Count);
        for (var i = 0; i < options.Percentiles.Count; i++)
        {
            var column = figures.Select(f => f.Logs[i]).ToArray();
            var (test, own) = GateRule.Judge(column, judged.Select(j => j.Logs[i]).ToArray());
            var values = figures.Select(f => f.ValuesNs[i]).ToArray();
            checks.Add(new PercentileCheck(options.Percentiles[i], GeometricMean(values), values.Min(), values.Max(), judged[^1].ValuesNs[i], test.Shift, own, test, options.Alpha, options.PracticalBar));
        }

        var comparison = DistributionComparison.Compare(Pooled(baseline), newest.Run.Distribution);
        return new GateStage(label, newest.Source, newest.Run.Key, checks, comparison, newest.Run.Warnings);
    }

    private static long GeometricMean(long[] values) => (long)Math.Round(Math.Exp(values.Average(v => Math.Log(Math.Max(1, v)))));

    /// <summary>
    /// All baseline runs as one distribution, for the descriptive shift function and Mann-Whitney
    /// only; every K-th subsample value of each run keeps Harrell-Davis at one run's cost.
    /// </summary>
    private static LatencyDistribution Pooled(BaselineSet baseline)
    {
        var histogram = baseline.Runs.Skip(1).Aggregate(baseline.Runs[0].Histogram, (sum, r) => HistogramMath.Sum(sum, r.Histogram));
        return new LatencyDistribution(baseline.Runs[0].Key.Topology, histogram, baseline.Runs.SelectMany(r => r.Subsample.Where((_, i) => i % baseline.Runs.Count == 0)).ToArray());
    }
}

/// <summary>The current run judged, and what judging a re-measure against the same baseline needs.</summary>
internal sealed record FirstStage(BaselineSet Baseline, GateOptions Options, List<RunFigures> Figures, RunFigures CurrentFigures, GateStage Stage);
