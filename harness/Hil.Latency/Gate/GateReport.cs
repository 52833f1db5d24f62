using System.Globalization;
using System.Text;
using Hil.Foundation;

namespace Hil.Latency.Gate;

/// <summary>The gate's evidence as text: what CI logs print and the gate suite attaches.</summary>
internal static class GateReport
{
    public static string Render(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        var k = result.BaselineRuns.Count;
        var sb = new StringBuilder();
        Line(sb, $"gate: {Headline(result)}");
        Line(sb, $"topology {result.BaselineKey.Topology} on rig {result.BaselineKey.Rig}");
        Line(sb, $"rule: per percentile {string.Join(", ", o.Percentiles.Select(q => $"p{q * 100:0.###}"))}, on {Variables(o)} of each run: the current run lies above the {k} baseline runs (prediction t-test, {k - 1} df, one-sided p < alpha {o.Alpha:G3}) AND above every baseline run AND its shift over their geometric mean >= {o.PracticalBar:P1} ({o.PracticalMargin:0.##} x threshold {o.ThresholdPercent:0.##}%); then the re-measure must hold it up: current and re-measure together p < alpha, both above every baseline run, together >= {o.PracticalBar:P1}, and the re-measure alone >= {o.PracticalBar:P1}");
        Line(sb, $"false alarms: at most {Math.Min(o.Alpha, 2.0 / ((k + 1) * (k + 2))) * o.Percentiles.Count:P2} per gate for clean runs that vary like the baseline runs (min(alpha, rank bound 2/((K+1)(K+2))) x {o.Percentiles.Count} percentiles; the rank bound needs no normality); measured rates and power: benchmarks/gate-calibration.md");
        Line(sb, $"baseline: {result.BaselineSource}, {k} runs ({result.BaselineKey.Rig}/{result.BaselineKey.Topology}/{result.BaselineKey.DextVersion}/{result.BaselineKey.OsBuild}), n={result.BaselineRuns[0].Count:N0} each");
        Line(sb, $"  p50 per run: {string.Join(", ", result.BaselineRuns.Select(r => D(r.P50Ns)))}");
        Line(sb, $"  p99 per run: {string.Join(", ", result.BaselineRuns.Select(r => D(r.P99Ns)))}");
        Line(sb, $"  detectable with this baseline's spread (current + re-measure, alpha {o.Alpha:G3}): {string.Join(", ", result.Current.Checks.Select(c => $"{c.Name} >= {c.DetectableShift:+0.0%} (run-to-run sd of ln {c.Test.BaselineSd:0.000})"))}");
        Stage(sb, result.Current);
        if (result.Confirm is { } confirm)
        {
            Stage(sb, confirm);
        }
        else if (result.Current.Regressed)
        {
            Line(sb, $"confirm: none given (--confirm FILE|cmd:COMMAND); an unconfirmed regression fails closed");
        }
        else
        {
            Line(sb, $"confirm: not needed (the current run did not regress)");
        }

        return sb.ToString();
    }

    /// <summary>The decision variable of each gated percentile, e.g. "ln(p50), ln(p99 / the run's floor p99)".</summary>
    public static string Variables(GateOptions o) =>
        string.Join(", ", o.Percentiles.Select(q => o.Normalisation == GateNormalisation.Floor ? $"ln(p{q * 100:0.###} / the run's floor p{q * 100:0.###})" : $"ln(p{q * 100:0.###})"));

    private static string Headline(GateResult result) => result.Decision switch
    {
        GateDecision.Pass when result.Confirm is not null => $"PASS (the current run regressed at {string.Join(", ", result.Current.Moved)} but the confirming re-measure did not hold it up)",
        GateDecision.Pass => "PASS",
        GateDecision.Regression => $"REGRESSION in {result.BaselineKey.Topology} at {string.Join(", ", result.Current.Moved.Intersect(result.Confirm!.Moved))} (confirmed)",
        _ => $"REGRESSION in {result.BaselineKey.Topology} at {string.Join(", ", result.Current.Moved)} (unconfirmed)",
    };

    private static void Stage(StringBuilder sb, GateStage stage)
    {
        var judged = stage.Label == "confirm" ? "current + re-measure" : "current";
        Line(sb, $"{stage.Label}: {stage.Source} (judged: {judged})");
        Line(sb, $"  {"percentile",-10} {"baseline (min..max)",-30} {"run",9} {"shift",8} {"run_alone",10} {"t",8} {"p-value",14}  verdict");
        foreach (var c in stage.Checks)
        {
            var baseline = $"{D(c.BaselineNs)} ({D(c.BaselineMinNs)}..{D(c.BaselineMaxNs)})";
            Line(sb, $"  {c.Name,-10} {baseline,-30} {D(c.CurrentNs),9} {c.Shift,8:+0.0%;-0.0%} {c.OwnShift,10:+0.0%;-0.0%} {c.Test.T,8:0.00} {c.PValue,14:G3}  {Verdict(c)}");
        }

        if (stage.Comparison is { } cmp)
        {
            Line(sb, $"  descriptive, against the pooled baseline runs (not the decision):");
            Line(sb, $"  Mann-Whitney (run > baseline, subsamples): p = {cmp.MannWhitneyPGreater:G3}; two-sided p = {cmp.MannWhitneyPTwoSided:G3}");
            Line(sb, $"  ratios run/baseline: {string.Join(", ", cmp.Ratios.Select(r => $"{r.Key} {r.Value:0.000}"))}");
            Line(sb, $"  shift function (HD deciles, run - baseline):");
            foreach (var d in cmp.Shift)
            {
                Line(sb, $"    d{d.Quantile * 10:0}: {D(d.ANs),9} -> {D(d.BNs),9}  {Signed(d.ShiftNs),10}  {d.Relative,7:+0.0%;-0.0%}");
            }
        }

        foreach (var w in stage.Warnings)
        {
            Line(sb, $"  warning {w}");
        }
    }

    private static string Verdict(PercentileCheck c) => (c.Significant, c.Practical) switch
    {
        (true, true) => "REGRESSED",
        (true, false) => "significant, below the practical bar",
        (false, true) => "moved, not significant against the baseline runs' spread",
        _ => "same",
    };

    // Durations as people read them (µs, ms: the one formatter of tables and plots); --json keeps nanoseconds.
    private static string D(double nanoseconds) => DurationText.Of(nanoseconds);

    private static string Signed(double nanoseconds) => nanoseconds > 0 ? "+" + D(nanoseconds) : D(nanoseconds);

    private static void Line(StringBuilder sb, FormattableString s) => sb.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
