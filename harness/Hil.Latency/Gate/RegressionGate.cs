using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Statistics;

namespace Hil.Latency.Gate;

/// <summary>A measurement to judge and where it came from (a file path, a command, "resampled" …).</summary>
public sealed record GateInput(LatencyRun Run, string Source);

/// <summary>
/// The latency regression gate as a library, so `hil gate` and the NUnit gate suite share
/// it. Validate (same rig and topology, open loop) → judge the current run → only if it
/// regressed, obtain and judge the confirming re-measure → verdict with evidence.
/// </summary>
public static class RegressionGate
{
    /// <param name="confirm">Produces the confirming re-measure; called only when the current run regressed. Null = none available.</param>
    public static GateResult Evaluate(GateInput baseline, GateInput current, GateOptions options, Func<GateInput>? confirm = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        Validate(baseline, current, options);
        var currentStage = Judge("current", baseline.Run, current, options, withComparison: true);
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
                Validate(baseline, confirmInput, options);
                confirmStage = Judge("confirm", baseline.Run, confirmInput, options, withComparison: true);
                decision = Confirms(currentStage, confirmStage) ? GateDecision.Regression : GateDecision.Pass;
            }
        }

        return new GateResult(decision, options, baseline.Source, baseline.Run.Key, baseline.Run.Summary, currentStage, confirmStage);
    }

    /// <summary>
    /// The decision alone, from histograms only (no shift function): what the calibration
    /// runs thousands of times. Same rule as <see cref="Evaluate"/>.
    /// </summary>
    public static bool Decide(LatencyRun baseline, LatencyRun current, LatencyRun? confirm, GateOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        var first = Checks(baseline, current, options);
        if (!first.Any(c => c.Regressed))
        {
            return false;
        }

        return confirm is null || RegressedTogether(first, Checks(baseline, confirm, options));
    }

    internal static List<PercentileCheck> Checks(LatencyRun baseline, LatencyRun current, GateOptions options)
    {
        var result = new List<PercentileCheck>(options.Percentiles.Count);
        foreach (var q in options.Percentiles)
        {
            var test = QuantileExceedanceTest.Greater(baseline.Histogram, current.Histogram, q);
            var b = HistogramMath.ValueAt(baseline.Histogram, q);
            var c = HistogramMath.ValueAt(current.Histogram, q);
            var shift = b > 0 ? (c - b) / (double)b : 0;
            result.Add(new PercentileCheck(q, b, c, shift, test.PValue, test.PValue < options.Alpha, shift >= options.PracticalBar, test));
        }

        return result;
    }

    /// <summary>The re-measure confirms when a percentile that regressed in the current run regresses in it too.</summary>
    private static bool Confirms(GateStage current, GateStage confirm) => RegressedTogether(current.Checks, confirm.Checks);

    private static bool RegressedTogether(IReadOnlyList<PercentileCheck> first, IReadOnlyList<PercentileCheck> second) =>
        first.Zip(second).Any(pair => pair.First.Regressed && pair.Second.Regressed);

    private static GateStage Judge(string label, LatencyRun baseline, GateInput input, GateOptions options, bool withComparison)
    {
        var comparison = withComparison ? DistributionComparison.Compare(baseline.Distribution, input.Run.Distribution) : null;
        return new GateStage(label, input.Source, input.Run.Key, Checks(baseline, input.Run, options), comparison, input.Run.Warnings);
    }

    private static void Validate(GateInput baseline, GateInput current, GateOptions options)
    {
        if (options.Alpha is <= 0 or >= 1)
        {
            throw new InputException($"--alpha {options.Alpha}: expected a probability between 0 and 1 exclusive, e.g. 0.001");
        }

        if (options.ThresholdPercent <= 0)
        {
            throw new InputException($"--threshold {options.ThresholdPercent}: expected a positive percentage, e.g. 10");
        }

        var (b, c) = (baseline.Run.Key, current.Run.Key);
        if (b.Rig != c.Rig || b.Topology != c.Topology)
        {
            throw new InputException($"{current.Source}: measured {c.Rig}/{c.Topology} but the baseline {baseline.Source} is {b.Rig}/{b.Topology}; a gate compares one rig and topology");
        }

        foreach (var input in new[] { baseline, current })
        {
            if (input.Run.Mode != LoadMode.OpenLoop)
            {
                throw new InputException($"{input.Source}: a closed-loop (throughput) run cannot be gated on latency; measure open loop");
            }

            if (input.Run.Histogram.TotalCount == 0)
            {
                throw new InputException($"{input.Source}: the run holds no samples");
            }
        }
    }
}
