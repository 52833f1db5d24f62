using Hil.Latency.Files;
using Hil.Latency.Gate;

namespace Hil.Reporting;

/// <summary>
/// What the gate suite attaches for one verdict: the judged run and every baseline run on the
/// percentile plot, and the shift function (judged run minus the pooled baseline, per decile,
/// Harrell-Davis) that the gate's evidence prints as numbers.
/// </summary>
public static class GatePlots
{
    public static LatencyMeasurement ShiftAgainstBaseline(string name, GateResult result, BaselineSet baseline, LatencyRun judged)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(judged);
        var stage = result.Confirm ?? result.Current;
        var series = baseline.Runs
            .Select((run, i) => LatencyRunSeries.Of(run) with { Topology = $"baseline {i + 1}" })
            .Append(LatencyRunSeries.Of(judged) with { Topology = $"{judged.Key.Topology} judged" })
            .ToList();
        return new LatencyMeasurement(name, judged.Key.Rig, judged.Host, series)
        {
            ShiftAgainstBaseline = stage.Comparison?.Shift.Select(d => new ShiftPoint(d.Quantile, d.ShiftNs)).ToList(),
        };
    }
}
