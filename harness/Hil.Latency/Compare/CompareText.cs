using System.Globalization;

namespace Hil.Latency.Compare;

/// <summary>What a comparison prints: a line per block and the verdict's sentence.</summary>
public static class CompareText
{
    public static string Progress(int index, CompareBlock block, CompareVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(verdict);
        var order = string.Concat(block.Bursts.Select(b => b.Arm == CompareArm.Baseline ? 'A' : 'B'));
        return F($"block {index} ({order}): ln ratio p50 {block.LnRatio(ComparePercentile.P50):+0.000;-0.000}, p99 {block.LnRatio(ComparePercentile.P99):+0.000;-0.000}; so far p50 x{verdict.P50}, p99 x{verdict.P99} -> {CompareVerdict.Name(verdict.Outcome)}");
    }

    /// <summary>The verdict as a sentence naming the topology and, for a regression or improvement, the percentile.</summary>
    public static string Sentence(string topology, CompareVerdict verdict, CompareRule rule)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(rule);
        var after = F($"after {verdict.Blocks} block(s), threshold {rule.ThresholdPercent:0.##} %");
        return verdict.Outcome switch
        {
            CompareOutcome.Regression => $"regression: {topology} {CompareVerdict.Name(verdict.Deciding!.Value)} is slower in the candidate, x{verdict.Of(verdict.Deciding.Value)} {after}",
            CompareOutcome.Improvement => $"improvement: {topology} {CompareVerdict.Name(verdict.Deciding!.Value)} is faster in the candidate, x{verdict.Of(verdict.Deciding.Value)} {after}",
            CompareOutcome.Same => $"same: {topology} p50 x{verdict.P50}, p99 x{verdict.P99} {after}",
            _ => $"unknown: {topology} undecided when the budget ran out {after}; the blocks so far rule out "
                + F($"a p50 shift above {Pct(verdict.RuledOut[ComparePercentile.P50])} and a p99 shift above {Pct(verdict.RuledOut[ComparePercentile.P99])}"),
        };
    }

    private static string Pct(double shift) =>
        double.IsFinite(shift) ? (shift * 100).ToString("+0.#;-0.#", CultureInfo.InvariantCulture) + " %" : "any size (too few blocks)";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
