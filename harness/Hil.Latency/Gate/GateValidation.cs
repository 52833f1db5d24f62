using System.Globalization;
using Hil.Foundation;
using Hil.Latency.Files;

namespace Hil.Latency.Gate;

/// <summary>What the gate refuses to judge (exit 2): it could not state its error rates for it.</summary>
internal static class GateValidation
{
    public static void Check(BaselineSet baseline, GateInput current, GateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var k = baseline.Runs.Count;
        if (k < options.MinBaselineRuns)
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"baseline {baseline.Source} holds {k} run(s); the gate needs at least {options.MinBaselineRuns} (benchmarks/gate-calibration.md gives the rates per K): one run cannot show how much clean runs differ from each other, so no false-alarm rate could be stated. Measure {options.MinBaselineRuns - k} more clean run(s) with the same command and `hil baseline save` each"));
        }

        if (baseline.Runs.Select((r, i) => (r, i)).FirstOrDefault(x => x.r.IsFaulted) is { r: not null } faulted)
        {
            throw new InputException($"{baseline.Source} run {faulted.i + 1}: measured with an injected delay or fault; a baseline must be clean runs");
        }

        var first = baseline.Runs[0];
        foreach (var (run, source) in baseline.Runs.Select((r, i) => (r, $"{baseline.Source} run {i + 1}")).Append((current.Run, current.Source)))
        {
            if (run.Key.Rig != first.Key.Rig || run.Key.Topology != first.Key.Topology)
            {
                throw new InputException($"{source}: measured {run.Key.Rig}/{run.Key.Topology} but the baseline {baseline.Source} is {first.Key.Rig}/{first.Key.Topology}; a gate compares one rig and topology");
            }

            if (run.Mode != LoadMode.OpenLoop)
            {
                throw new InputException($"{source}: a closed-loop (throughput) run cannot be gated on latency; measure open loop");
            }

            if (run.Histogram.TotalCount == 0)
            {
                throw new InputException($"{source}: the run holds no samples");
            }

            // The baseline's spread is the spread of runs of this size and rate; another size would be judged against the wrong noise.
            if (run.Samples != first.Samples || run.RateHz != first.RateHz)
            {
                throw new InputException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: {run.Samples} samples at {run.RateHz} Hz, but the baseline runs are {first.Samples} samples at {first.RateHz} Hz; measure with the baseline's --samples and --rate"));
            }
        }
    }

    // The options' own setters call these, so no GateOptions holds a value the gate cannot judge
    // with; each test asks "inside the range?", which NaN never is.
    public static double Alpha(double value) => value > 0 && value < 1 ? value
        : throw new InputException(F($"--alpha {value}: expected a finite probability greater than 0 and less than 1, e.g. 0.005"));

    public static double ThresholdPercent(double value) => value > 0 && value <= GateOptions.MaxThresholdPercent ? value
        : throw new InputException(F($"--threshold {value}: expected a finite percentage greater than 0 and at most {GateOptions.MaxThresholdPercent}, e.g. 10"));

    public static double PracticalMargin(double value) => value > 0 && value <= 1 ? value
        : throw new InputException(F($"practical margin {value}: expected a fraction of the threshold greater than 0 and at most 1"));

    public static IReadOnlyList<double> Percentiles(IReadOnlyList<double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Count > 0 && value.All(q => q > 0 && q < 1) ? value
            : throw new InputException(F($"gate percentiles [{string.Join(", ", value)}]: expected at least one, each a fraction greater than 0 and less than 1"));
    }

    public static int MinBaselineRuns(int value) => value >= 2 ? value
        : throw new InputException(F($"minimum baseline runs {value}: expected at least 2, the fewest that show a spread"));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
