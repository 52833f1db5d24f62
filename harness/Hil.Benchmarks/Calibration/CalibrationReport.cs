using System.Globalization;
using System.Text;
using Hil.Latency.Files;
using Hil.Latency.Gate;

namespace Hil.Benchmarks.Calibration;

/// <summary>The measured tables of benchmarks/gate-calibration.md (the conclusions are written by hand under them).</summary>
internal static class CalibrationReport
{
    public const double FalseAlarmTarget = 0.01;
    public const double PowerTarget = 0.95;

    public static string Render(CalibrationOptions o, IReadOnlyList<LatencyRun> runs, IReadOnlyList<SpreadRow> spreads, IReadOnlyList<CalibrationRow> rows, string[] args)
    {
        var sb = new StringBuilder();
        L(sb, $"# Gate calibration: measured tables");
        L(sb, $"");
        L(sb, $"Produced by `dotnet run -c Release --project harness/Hil.Benchmarks -- {string.Join(' ', args.SkipWhile(a => a != "gate-calibration"))}`.");
        L(sb, $"Runs: {o.From}; host {runs.FirstOrDefault()?.Host}, os {runs.FirstOrDefault()?.Key.OsBuild}; {runs.Count(r => r.Warnings.Any(w => w.Code == "noisy-host"))} of {runs.Count} runs carry a noisy-host warning. {o.Trials} random trials per cell (95% binomial margin about ±{1.96 * Math.Sqrt(0.01 * 0.99 / o.Trials):P1} at 1%, ±{1.96 * Math.Sqrt(0.05 * 0.95 / o.Trials):P1} at 95%), but they re-use the same few runs, so the rates are only as good as those runs are representative.");
        L(sb, $"");
        L(sb, $"## Runs");
        L(sb, $"");
        L(sb, $"| topology | runs | samples | rate Hz | p50 range (ns) | p99 range (ns) | floor p50 range | floor p99 range |");
        L(sb, $"|---|---|---|---|---|---|---|---|");
        foreach (var g in runs.GroupBy(r => r.Key.Topology))
        {
            var floors = g.Where(r => r.Floor is not null).Select(r => r.Floor!).ToList();
            var fp50 = floors.Count > 0 ? $"{floors.Min(f => f.P50Ns)}–{floors.Max(f => f.P50Ns)}" : "none";
            var fp99 = floors.Count > 0 ? $"{floors.Min(f => f.P99Ns)}–{floors.Max(f => f.P99Ns)}" : "none";
            L(sb, $"| {g.Key} | {g.Count()} | {g.First().Samples} | {g.First().RateHz} | {g.Min(r => r.Summary.P50Ns)}–{g.Max(r => r.Summary.P50Ns)} | {g.Min(r => r.Summary.P99Ns)}–{g.Max(r => r.Summary.P99Ns)} | {fp50} | {fp99} |");
        }

        L(sb, $"");
        L(sb, $"## Spread of ln(percentile): between runs vs within a run");
        L(sb, $"");
        L(sb, $"sd of ln x ≈ the coefficient of variation. Between = over the real runs as measured (it includes their within-run noise). Within = mean over runs of the sd over {o.Draws} resamples of n values from that run.");
        L(sb, $"");
        L(sb, $"| topology | decision variable | runs | between sd p50 | between sd p99 | within sd (n: p50 / p99) |");
        L(sb, $"|---|---|---|---|---|---|");
        foreach (var s in spreads)
        {
            L(sb, $"| {s.Topology} | {Variable(s.Normalisation)} | {s.Runs} | {s.BetweenSd[0]:0.000} | {s.BetweenSd[1]:0.000} | {string.Join("; ", s.Within.Select(w => $"{w.N}: {w.Sds[0]:0.000} / {w.Sds[1]:0.000}"))} |");
        }

        L(sb, $"");
        L(sb, $"## Rates (regression verdicts / trials), rule of Gate/RegressionGate.cs with the re-measure");
        L(sb, $"");
        var columns = rows.SelectMany(r => r.Rates.Keys).Distinct().ToList();
        L(sb, $"| topology | variable | n | K | alpha | {string.Join(" | ", columns)} | chronological A/A |");
        L(sb, $"|---|---|---|---|---|{string.Concat(columns.Select(_ => "---|"))}---|");
        foreach (var r in rows)
        {
            L(sb, $"| {r.Topology} | {Variable(r.Normalisation)} | {r.N} | {r.K} | {r.Alpha:G3} | {string.Join(" | ", columns.Select(c => r.Rates.TryGetValue(c, out var v) ? v.ToString("P1", CultureInfo.InvariantCulture) : ""))} | {r.ChronoAlarms}/{r.ChronoWindows} |");
        }

        L(sb, $"");
        L(sb, $"## Settings that meet both targets (A/A <= {FalseAlarmTarget:P0}, power >= {PowerTarget:P0} at +10% p99)");
        L(sb, $"");
        foreach (var g in rows.GroupBy(r => r.Topology))
        {
            var ok = g.Where(r => r.Rates["A/A"] <= FalseAlarmTarget && r.Rates["+10% at p99"] >= PowerTarget).OrderBy(r => r.K).ThenBy(r => r.N).ToList();
            var best = g.Where(r => r.Rates["A/A"] <= FalseAlarmTarget).OrderByDescending(r => r.Rates["+10% at p99"]).FirstOrDefault();
            L(sb, $"- {g.Key}: {(ok.Count == 0 ? "none" : string.Join("; ", ok.Select(Describe)))}; best +10% p99 power with A/A <= 1%: {(best is null ? "none" : Describe(best))}");
        }

        return sb.ToString();
    }

    private static string Describe(CalibrationRow r) => string.Create(CultureInfo.InvariantCulture, $"K={r.K} n={r.N} alpha={r.Alpha:G3} {Variable(r.Normalisation)} (A/A {r.Rates["A/A"]:P1}, +10% p99 {r.Rates["+10% at p99"]:P1}, +10% p50 {r.Rates["+10% at p50"]:P1})");

    private static string Variable(GateNormalisation n) => n == GateNormalisation.Floor ? "ln(p/floor)" : "ln p";

    private static void L(StringBuilder sb, FormattableString s) => sb.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
