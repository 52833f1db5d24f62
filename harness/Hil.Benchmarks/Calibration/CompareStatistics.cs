using Hil.Latency.Compare;

namespace Hil.Benchmarks.Calibration;

/// <summary>
/// Which block statistic varies least from block to block (issue 11): the decider's paired ln
/// ratio of the bursts' p50s, the same after each burst's figure is divided by the floor
/// measured beside it, and the same with blocks dropped where the floor shows a host stall
/// (a floor p50 above 3× the session's median floor). Robust sd (1.4826 × MAD) around each
/// session's own median, pooled; blocks without a floor are left out of the floor statistics,
/// and the first of them is also given on just those blocks, so each is compared like for like.
/// </summary>
internal static class CompareStatistics
{
    public static Dictionary<string, object?> Spreads(IEnumerable<IReadOnlyList<CompareBlock>> sessions)
    {
        var plain = new List<double>();
        var floorPlain = new List<double>();
        var floorRelative = new List<double>();
        var trimmed = new List<double>();
        foreach (var blocks in sessions)
        {
            plain.AddRange(Centred(blocks.Select(b => b.LnRatio(ComparePercentile.P50))));
            var floored = blocks.Where(b => b.Bursts.All(x => x.FloorP50Ns > 0)).ToList();
            if (floored.Count < 5)
            {
                continue;
            }

            floorPlain.AddRange(Centred(floored.Select(b => b.LnRatio(ComparePercentile.P50))));
            floorRelative.AddRange(Centred(floored.Select(FloorRelative)));
            var floors = floored.SelectMany(b => b.Bursts).Select(x => (double)x.FloorP50Ns!.Value).Order().ToList();
            var stall = 3 * floors[floors.Count / 2];
            trimmed.AddRange(Centred(floored.Where(b => b.Bursts.All(x => x.FloorP50Ns <= stall)).Select(b => b.LnRatio(ComparePercentile.P50))));
        }

        return new Dictionary<string, object?>
        {
            ["p50_ratio"] = Robust(plain), ["p50_ratio_blocks"] = plain.Count,
            ["p50_ratio_on_floored_blocks"] = Robust(floorPlain),
            ["p50_over_floor_ratio"] = Robust(floorRelative), ["p50_over_floor_ratio_blocks"] = floorRelative.Count,
            ["p50_ratio_floor_stalls_dropped"] = Robust(trimmed), ["p50_ratio_floor_stalls_dropped_blocks"] = trimmed.Count,
        };
    }

    private static double FloorRelative(CompareBlock block)
    {
        double Mean(CompareArm arm) => block.Bursts.Where(x => x.Arm == arm).Average(x => Math.Log(Math.Max(1, x.P50Ns)) - Math.Log(Math.Max(1, x.FloorP50Ns!.Value)));
        return Mean(CompareArm.Candidate) - Mean(CompareArm.Baseline);
    }

    private static IEnumerable<double> Centred(IEnumerable<double> values)
    {
        var list = values.ToList();
        var centre = list.Order().ElementAt(list.Count / 2);
        return list.Select(v => v - centre);
    }

    /// <summary>Null when no block qualified (a session whose floors ran before only some bursts has no block with a floor on every burst).</summary>
    private static double? Robust(List<double> deviations) =>
        deviations.Count == 0 ? null : 1.4826 * deviations.Select(Math.Abs).Order().ElementAt(deviations.Count / 2);
}
