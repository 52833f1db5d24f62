using Hil.Foundation;
using Hil.Latency.Compare;
using Hil.Rigs;
using Hil.UserClients.Probe;

namespace Hil.Latency.Running.Compare;

/// <summary>A comparison's result as `hil compare --json`, the CLI and the gate fixture present it.</summary>
public static class CompareOutput
{
    public static string TopologyName(CompareResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return TopologyNames.Format(result.Request.Topology);
    }

    public static CompareCalibration? Calibration(CompareResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return CompareCalibration.Find(Foundation.RepositoryRoot.Find(), TopologyName(result), result.Request.Rule.ThresholdPercent, DoorbellName(result));
    }

    /// <summary>The doorbell's name for shared-ring, the one topology that has one; null for the others.</summary>
    public static string? DoorbellName(CompareResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Request.Topology == Topology.SharedRing ? DoorbellNames.Of(result.Request.Doorbell) : null;
    }

    public static string Sentence(CompareResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var calibration = Calibration(result) is { } c
            ? FormattableString.Invariant($"calibration ({c.Source}, {c.Comparisons} comparisons): false alarms {c.FalseAlarmRate:P1}, power at the threshold p50 {c.PowerP50:P1}, p99 {c.PowerP99:P1}")
            : $"no calibration for {TopologyName(result)}{(DoorbellName(result) is { } bell ? $" with the {bell} doorbell" : "")} at this threshold in {CompareCalibration.RelativePath}";
        var r = result.Request.Rule;
        var budget = FormattableString.Invariant(
            $"error budget: regression when both shifts are within +{r.ThresholdPercent / 2:0.##} % at most {r.RegressionErrorBudget:P0}, same when p50 is beyond +{r.ThresholdPercent / 2:0.##} % or p99 beyond +{r.ThresholdPercent:0.##} % at most {r.SameErrorBudget:P0} (looks at {r.FirstLook} blocks, then x{r.LookGrowth}, each spending as much of that as of the budget's time since the last)");
        return CompareText.Sentence(TopologyName(result), result.Verdict, r) + "\n  " + calibration + "\n  " + budget;
    }

    public static CompareJsonDocument Document(CompareResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var v = result.Verdict;
        var c = Calibration(result);
        return new CompareJsonDocument(
            CompareVerdict.Name(v.Outcome), v.ExitCode, TopologyName(result), v.Deciding is { } q ? CompareVerdict.Name(q) : null,
            result.Request.Rule.ThresholdPercent, v.Blocks, result.Request.Seed, result.Elapsed.TotalSeconds,
            CompareJson.Ratio(v.P50), CompareJson.Ratio(v.P99), CompareJson.PerPercentile(v.DetectableShift), CompareJson.PerPercentile(v.RuledOut),
            c?.FalseAlarmRate, c is null ? null : new Dictionary<string, double> { ["p50"] = c.PowerP50, ["p99"] = c.PowerP99 },
            c?.Source ?? "none", Arm(result.Request.Baseline), Arm(result.Request.Candidate), result.Blocks.Select(CompareJson.Block).ToList(),
            ErrorBudgetJson.Of(result.Request.Rule))
        {
            BurstRateHz = result.Request.Burst.RateHz, BurstMessages = (int)result.Request.Burst.Samples,
            Doorbell = DoorbellName(result),
            Schedule = result.Request.Schedule.ToString().ToLowerInvariant(),
        };
    }

    private static ArmJson Arm(DextBuild build) => new(RepositoryRoot.Relative(build.Directory), build.BundleId, build.SendExtraNs, build.SourceCommit);
}
