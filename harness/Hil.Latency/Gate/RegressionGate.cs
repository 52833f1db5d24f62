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
    /// <param name="confirm">Produces the confirming re-measure; called only when the current run regressed. Null = none available.</param>
    public static GateResult Evaluate(BaselineSet baseline, GateInput current, GateOptions options, Func<GateInput>? confirm = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        GateValidation.Check(baseline, current, options);
        var figures = baseline.Runs.Select((r, i) => RunFigures.From(r, options, $"{baseline.Source} run {i + 1}")).ToList();
        var currentFigures = RunFigures.From(current.Run, options, current.Source);
        var currentStage = Judge("current", baseline, figures, [currentFigures], current, options);
        GateStage? confirmStage = null;
        var decision = GateDecision.Pass;
        if (currentStage.Regressed)
        {
            var confirmInput = confirm?.Invoke();
            if (confirmInput is null)
            {
                decision = GateDecision.UnconfirmedRegression;
            }
            else
            {
                GateValidation.Check(baseline, confirmInput, options);
                var confirmFigures = RunFigures.From(confirmInput.Run, options, confirmInput.Source);
                confirmStage = Judge("confirm", baseline, figures, [currentFigures, confirmFigures], confirmInput, options);
                decision = currentStage.Checks.Zip(confirmStage.Checks).Any(p => p.First.Regressed && p.Second.Regressed) ? GateDecision.Regression : GateDecision.Pass;
            }
        }

        return new GateResult(decision, options, baseline.Source, baseline.Runs[0].Key, baseline.Runs.Select(r => r.Summary).ToList(), currentStage, confirmStage);
    }

    /// <summary>
    /// The decision alone, on decision variables already computed (<see cref="RunFigures.ToLogs"/>):
    /// what the calibration runs thousands of times. Same rule as <see cref="Evaluate"/>;
    /// <paramref name="confirm"/> null = no re-measure, so a regression fails closed (true).
    /// </summary>
    public static bool Decide(IReadOnlyList<double[]> baseline, double[] current, double[]? confirm, GateOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        for (var i = 0; i < options.Percentiles.Count; i++)
        {
            var column = baseline.Select(b => b[i]).ToArray();
            if (!Regressed(RunLevelTest.Greater(column, [current[i]]), current[i], options))
            {
                continue;
            }

            if (confirm is null || Regressed(RunLevelTest.Greater(column, [current[i], confirm[i]]), confirm[i], options))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Regressed(RunLevelResult test, double newestLog, GateOptions options) =>
        test.PValue < options.Alpha && test.AboveAll && test.Shift >= options.PracticalBar && Math.Exp(newestLog - test.BaselineMean) - 1 >= options.PracticalBar;

    private static GateStage Judge(string label, BaselineSet baseline, List<RunFigures> figures, RunFigures[] judged, GateInput newest, GateOptions options)
    {
        var checks = new List<PercentileCheck>(options.Percentiles.Count);
        for (var i = 0; i < options.Percentiles.Count; i++)
        {
            var column = figures.Select(f => f.Logs[i]).ToArray();
            var test = RunLevelTest.Greater(column, judged.Select(j => j.Logs[i]).ToArray());
            var values = figures.Select(f => f.ValuesNs[i]).ToArray();
            var own = Math.Exp(judged[^1].Logs[i] - test.BaselineMean) - 1;
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
