using System.Text.Json;

namespace Hil.Latency.Gate;

/// <summary>The verdict and its checks as a program reads them: what `hil gate --json` prints and the gate suite attaches.</summary>
public static class GateVerdict
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static object Of(GateResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new
        {
            decision = r.Decision.ToString(),
            exit_code = r.ExitCode,
            topology = r.BaselineKey.Topology,
            rig = r.BaselineKey.Rig,
            alpha = r.Options.Alpha,
            threshold_percent = r.Options.ThresholdPercent,
            practical_bar = r.Options.PracticalBar,
            decision_variables = GateReport.Variables(r.Options),
            baseline_runs = r.BaselineRuns.Count,
            stages = new[] { r.Current, r.Confirm }.Where(s => s is not null).Select(s => new
            {
                label = s!.Label,
                source = s.Source,
                checks = s.Checks.Select(c => new { percentile = c.Name, baseline_ns = c.BaselineNs, baseline_min_ns = c.BaselineMinNs, baseline_max_ns = c.BaselineMaxNs, run_ns = c.CurrentNs, shift = c.Shift, run_alone_shift = c.OwnShift, detectable_shift = c.DetectableShift, baseline_sd_ln = c.Test.BaselineSd, t = c.Test.T, p_value = c.PValue, regressed = c.Regressed }),
            }),
        };
    }
}
