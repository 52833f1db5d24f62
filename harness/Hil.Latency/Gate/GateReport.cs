using System.Globalization;
using System.Text;
using Hil.Latency.Baselines;

namespace Hil.Latency.Gate;

/// <summary>The gate's evidence as text: what CI logs print and the gate suite attaches.</summary>
public static class GateReport
{
    public static string Render(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        var sb = new StringBuilder();
        Line(sb, $"gate: {Headline(result)}");
        Line(sb, $"topology {result.BaselineKey.Topology} on rig {result.BaselineKey.Rig}");
        Line(sb, $"rule: per percentile {string.Join(", ", o.Percentiles.Select(q => $"p{q * 100:0.###}"))}: exceedance test p < alpha {o.Alpha:G3} AND shift >= {o.PracticalBar:P1} ({o.PracticalMargin:0.##} x threshold {o.ThresholdPercent:0.##}%); then the confirming re-measure must regress at the same percentile");
        Line(sb, $"baseline: {result.BaselineSource} ({BaselineStore.FormatKey(result.BaselineKey)}), n={result.Baseline.Count}, p50 {result.Baseline.P50Ns} ns, p90 {result.Baseline.P90Ns} ns, p99 {result.Baseline.P99Ns} ns, p99.9 {result.Baseline.P999Ns} ns, max {result.Baseline.MaxNs} ns");
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

    private static string Headline(GateResult result) => result.Decision switch
    {
        GateDecision.Pass when result.Confirm is not null => $"PASS (the current run regressed at {string.Join(", ", result.Current.Moved)} but the confirming re-measure did not repeat it)",
        GateDecision.Pass => "PASS",
        GateDecision.Regression => $"REGRESSION in {result.BaselineKey.Topology} at {string.Join(", ", result.Current.Moved.Intersect(result.Confirm!.Moved))} (confirmed)",
        _ => $"REGRESSION in {result.BaselineKey.Topology} at {string.Join(", ", result.Current.Moved)} (unconfirmed)",
    };

    private static void Stage(StringBuilder sb, GateStage stage)
    {
        Line(sb, $"{stage.Label}: {stage.Source} ({BaselineStore.FormatKey(stage.Key)})");
        Line(sb, $"  percentile  baseline_ns  current_ns    shift   cut_ns   above(base/cur)        p-value  verdict");
        foreach (var c in stage.Checks)
        {
            var t = c.Test;
            Line(sb, $"  {c.Name,-10} {c.BaselineNs,12} {c.CurrentNs,11} {c.Shift,8:+0.0%;-0.0%} {t.CutNs,8} {t.BaselineAbove,7}/{t.CurrentAbove,-9} {c.PValue,14:G3}  {Verdict(c)}");
        }

        if (stage.Comparison is { } cmp)
        {
            Line(sb, $"  Mann-Whitney (current > baseline, subsamples): p = {cmp.MannWhitneyPGreater:G3}; two-sided p = {cmp.MannWhitneyPTwoSided:G3}");
            Line(sb, $"  ratios current/baseline: {string.Join(", ", cmp.Ratios.Select(r => $"{r.Key} {r.Value:0.000}"))}");
            Line(sb, $"  shift function (HD deciles, current - baseline):");
            foreach (var d in cmp.Shift)
            {
                Line(sb, $"    d{d.Quantile * 10:0}: {d.ANs,10:0} -> {d.BNs,10:0} ns  {d.ShiftNs,+9:+0;-0} ns  {d.Relative,7:+0.0%;-0.0%}");
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
        (false, true) => "moved, not significant",
        _ => "same",
    };

    private static void Line(StringBuilder sb, FormattableString s) => sb.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
