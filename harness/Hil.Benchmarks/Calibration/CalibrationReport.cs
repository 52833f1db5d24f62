using System.Globalization;
using System.Text;
using Hil.Latency.Files;

namespace Hil.Benchmarks.Calibration;

/// <summary>benchmarks/gate-calibration.md: method, the runs used, the rates, and the sample counts that meet the targets.</summary>
internal static class CalibrationReport
{
    public const double FalseAlarmTarget = 0.01;
    public const double PowerTarget = 0.95;

    public static string Render(CalibrationOptions o, IReadOnlyList<LatencyRun> runs, IReadOnlyList<CalibrationRow> rows, string commandLine)
    {
        var sb = new StringBuilder();
        L(sb, $"# Gate calibration: false-alarm rate and power on real sim measurements");
        L(sb, $"");
        L(sb, $"Produced by `dotnet run -c Release --project harness/Hil.Benchmarks -- gate-calibration {string.Join(' ', commandLine.Split(' ').SkipWhile(a => a != "gate-calibration").Skip(1))}` (this file is rewritten by it).");
        L(sb, $"");
        L(sb, $"Method: {o.Runs} real sim runs per topology ({o.Samples} samples + {o.Warmup} warm-up, open loop at {o.RateHz} Hz, hil-simhost processes laid out per topology). Each trial picks three *different* runs as baseline, current and confirm and resamples each to n values from its own histogram, so every comparison carries real run-to-run variation. A/A = no shift; power trials shift current and confirm: `p50` adds the fraction × p50 to every value (as the sim's per-hop delay does), `p99` stretches only values above p90 so p99 grows by the fraction and the median stays. Gate rule: per percentile (p50, p99) exceedance-test p < alpha {0.001} AND shift >= margin x threshold 10%, confirmed by the re-measure at the same percentile. {o.Trials} trials per cell; a rate's 95% binomial margin is about ±{1.96 * Math.Sqrt(0.25 / o.Trials):P0} at 50% and ±{1.96 * Math.Sqrt(0.01 * 0.99 / o.Trials):P1} at 1%.");
        L(sb, $"");
        L(sb, $"Host during collection: {runs.FirstOrDefault()?.Host}, os {runs.FirstOrDefault()?.Key.OsBuild}; load warnings seen: {runs.Count(r => r.Warnings.Any(w => w.Code == "noisy-host"))} of {runs.Count} runs.");
        L(sb, $"");
        L(sb, $"## Runs");
        L(sb, $"");
        L(sb, $"| topology | runs | p50 range (ns) | p99 range (ns) |");
        L(sb, $"|---|---|---|---|");
        foreach (var g in runs.GroupBy(r => r.Key.Topology))
        {
            L(sb, $"| {g.Key} | {g.Count()} | {g.Min(r => r.Summary.P50Ns)}–{g.Max(r => r.Summary.P50Ns)} | {g.Min(r => r.Summary.P99Ns)}–{g.Max(r => r.Summary.P99Ns)} |");
        }

        L(sb, $"");
        L(sb, $"## Rates (regression verdicts / trials)");
        L(sb, $"");
        var columns = rows.SelectMany(r => r.Rates.Keys).Distinct().ToList();
        L(sb, $"| topology | n | margin | {string.Join(" | ", columns)} |");
        L(sb, $"|---|---|---|{string.Concat(columns.Select(_ => "---|"))}");
        foreach (var r in rows)
        {
            L(sb, $"| {r.Topology} | {r.N} | {r.Margin:0.##} | {string.Join(" | ", columns.Select(c => r.Rates.TryGetValue(c, out var v) ? v.ToString("P1", CultureInfo.InvariantCulture) : ""))} |");
        }

        L(sb, $"");
        L(sb, $"## Sample counts that meet the targets (A/A false alarms <= {FalseAlarmTarget:P0}, power >= {PowerTarget:P0} at +10% p99)");
        L(sb, $"");
        foreach (var g in rows.GroupBy(r => (r.Topology, r.Margin)))
        {
            var ok = g.Where(r => r.Rates["A/A"] <= FalseAlarmTarget && r.Rates["+10% at p99"] >= PowerTarget).OrderBy(r => r.N).FirstOrDefault();
            L(sb, $"- {g.Key.Topology}, margin {g.Key.Margin:0.##}: {(ok is null ? "no n tried meets both" : $"n = {ok.N} (false alarms {ok.Rates["A/A"]:P1}, power +10% p99 {ok.Rates["+10% at p99"]:P1}, +10% p50 {ok.Rates["+10% at p50"]:P1})")}");
        }

        return sb.ToString();
    }

    private static void L(StringBuilder sb, FormattableString s) => sb.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
