using System.Globalization;
using System.Text.Json;
using Hil.Foundation;
using Hil.Latency.Compare;
using Hil.UserClients.Probe;

namespace Hil.Benchmarks.Calibration;

/// <summary>
/// `compare-calibration --from DIR [--comparisons N] [--seed S] [--threshold PCT] [--budget-seconds S] [--out FILE]`:
/// false alarms and power of <see cref="CompareDecider"/> from measured A/A sessions (`hil compare
/// --json`, the same build as both arms; one file per session). Each simulated comparison picks
/// one session and draws its blocks with replacement from that session only, so a session's
/// host state stays together. Power: the candidate's figures get extra ns per message, sized
/// on the session's own baseline median p50 (or p99) × the threshold, as a slower build adds it.
/// </summary>
internal static class CompareCalibrationRun
{
    private sealed record Session(string File, IReadOnlyList<CompareBlock> Blocks, double SecondsPerBlock);

    private sealed record Scenario(string Name, Func<Session, long> ExtraNs);

    public static Task<int> RunAsync(string[] args)
    {
        var o = Options(args);
        var rule = new CompareRule { ThresholdPercent = o.Threshold };
        var sessions = Directory.GetFiles(o.From, "*.json").Order(StringComparer.Ordinal)
            .Select(f => (Read: CompareJson.ReadBlocks(f), File: f, Doc: JsonDocument.Parse(File.ReadAllText(f))))
            .GroupBy(s => (s.Read.Topology, Doorbell: DoorbellOf(s.Read.Topology, s.Doc)));
        var rows = new List<Dictionary<string, object>>();
        foreach (var topology in sessions)
        {
            var pool = topology.Select(s => new Session(s.File, Centered(s.Read.Blocks),
                s.Doc.RootElement.GetProperty("elapsed_seconds").GetDouble() / Math.Max(1, s.Read.Blocks.Count))).ToList();
            // A stable hash: string.GetHashCode is randomized per process, so the same --seed drew other blocks each run.
            var random = new Random(o.Seed ^ (topology.Key.Topology + topology.Key.Doorbell).Aggregate(17, (h, c) => unchecked((h * 31) + c)));
            var fraction = o.Threshold / 100;
            var aa = Simulate(pool, new Scenario("A/A", _ => 0), rule, o, random);
            var p50 = Simulate(pool, new Scenario("+p50", s => (long)(fraction * Median(s, ComparePercentile.P50))), rule, o, random);
            var p99 = Simulate(pool, new Scenario("+p99", s => (long)(fraction * Median(s, ComparePercentile.P99))), rule, o, random);
            var seconds = aa.Seconds.Concat(p50.Seconds).Concat(p99.Seconds).Order().ToList();
            var row = new Dictionary<string, object>
            {
                ["topology"] = topology.Key.Topology, ["sessions"] = pool.Count, ["measured_blocks"] = pool.Sum(s => s.Blocks.Count),
                ["comparisons"] = o.Comparisons, ["false_alarm_rate"] = aa.Rate(CompareOutcome.Regression),
                ["aa_same_rate"] = aa.Rate(CompareOutcome.Same), ["aa_unknown_rate"] = aa.Rate(CompareOutcome.Unknown),
                ["power_p50"] = p50.Rate(CompareOutcome.Regression), ["power_p99"] = p99.Rate(CompareOutcome.Regression),
                ["false_same_rate_p50"] = p50.Rate(CompareOutcome.Same), ["false_same_rate_p99"] = p99.Rate(CompareOutcome.Same),
                ["aa_median_seconds_to_verdict"] = aa.MedianSeconds,
                ["median_seconds_to_verdict"] = seconds[seconds.Count / 2],
                ["seconds_per_block"] = pool.Average(s => s.SecondsPerBlock),
                ["block_ln_ratio_sd"] = Spread(pool, ComparePercentile.P50, robust: false), ["block_ln_ratio_robust_sd"] = Spread(pool, ComparePercentile.P50, robust: true),
                ["block_ln_ratio_sd_p99"] = Spread(pool, ComparePercentile.P99, robust: false), ["block_ln_ratio_robust_sd_p99"] = Spread(pool, ComparePercentile.P99, robust: true),
                ["block_statistics_robust_sd"] = CompareStatistics.Spreads(topology.Select(s => s.Read.Blocks)),
            };
            if (topology.Key.Doorbell is { } doorbell)
            {
                row["doorbell"] = doorbell;
            }

            rows.Add(row);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{topology.Key.Topology}{(topology.Key.Doorbell is { } bell ? $" ({bell})" : "")}: {pool.Count} session(s), {pool.Sum(s => s.Blocks.Count)} blocks; A/A regression {aa.Rate(CompareOutcome.Regression):P1}, same {aa.Rate(CompareOutcome.Same):P1}, unknown {aa.Rate(CompareOutcome.Unknown):P1} (median {aa.MedianSeconds:0} s); power +{o.Threshold}% p50 {p50.Rate(CompareOutcome.Regression):P1} (same {p50.Rate(CompareOutcome.Same):P1}), p99 {p99.Rate(CompareOutcome.Regression):P1} (same {p99.Rate(CompareOutcome.Same):P1}); median {seconds[seconds.Count / 2]:0} s"));
        }

        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["threshold_pct"] = o.Threshold, ["budget_seconds"] = o.BudgetSeconds, ["seed"] = o.Seed, ["from"] = o.From, ["topologies"] = rows,
        }, new JsonSerializerOptions { WriteIndented = true });
        AtomicFile.WriteAllText(o.Out, json + "\n");
        return Task.FromResult(0);
    }

    /// <summary>Shared-ring's doorbell as the session recorded it; sessions from before it was recorded ran the spin doorbell.</summary>
    private static string? DoorbellOf(string topology, JsonDocument session) =>
        topology != TopologyNames.Format(Topology.SharedRing) ? null
        : session.RootElement.TryGetProperty("doorbell", out var d) && d.GetString() is { } name ? name : DoorbellNames.Spin;

    private sealed record Tally(IReadOnlyList<CompareOutcome> Outcomes, IReadOnlyList<double> Seconds)
    {
        public double Rate(CompareOutcome outcome) => Outcomes.Count(o => o == outcome) / (double)Outcomes.Count;

        public double MedianSeconds => Seconds.Order().ElementAt(Seconds.Count / 2);
    }

    private static Tally Simulate(List<Session> pool, Scenario scenario, CompareRule rule, CompareOptions o, Random random)
    {
        var outcomes = new List<CompareOutcome>();
        var seconds = new List<double>();
        for (var i = 0; i < o.Comparisons; i++)
        {
            var session = pool[random.Next(pool.Count)];
            var extra = scenario.ExtraNs(session);
            var maxBlocks = Math.Max(1, (int)(o.BudgetSeconds / session.SecondsPerBlock));
            var drawn = new List<CompareBlock>();
            CompareVerdict? verdict = null;
            do
            {
                // At the session's own pace: the rule spends its error as the budget's time goes.
                drawn.Add(session.Blocks[random.Next(session.Blocks.Count)].WithCandidateExtraNs(extra) with
                {
                    Ended = TimeSpan.FromSeconds((drawn.Count + 1) * session.SecondsPerBlock),
                });
                // The rule decides nothing between its looks; asking it there only costs time.
                if (rule.LookAt(drawn.Count) > 0 || drawn.Count >= maxBlocks)
                {
                    verdict = CompareDecider.Decide(drawn, rule, TimeSpan.FromSeconds(o.BudgetSeconds), budgetSpent: drawn.Count >= maxBlocks);
                }
            }
            while (verdict is null || verdict.Outcome == CompareOutcome.Undecided);

            outcomes.Add(verdict.Outcome);
            seconds.Add(drawn.Count * session.SecondsPerBlock);
        }

        return new Tally(outcomes, seconds);
    }

    /// <summary>
    /// The session's blocks with its own median ln ratio taken out of the candidate: an A/A
    /// session is null by construction, and a handful of blocks drawn again and again would
    /// otherwise make that handful's chance offset the truth every simulated comparison shares.
    /// </summary>
    private static List<CompareBlock> Centered(IReadOnlyList<CompareBlock> blocks)
    {
        double Center(ComparePercentile q)
        {
            var ratios = blocks.Select(b => b.LnRatio(q)).Order().ToList();
            return ratios[ratios.Count / 2];
        }

        var (c50, c99) = (Center(ComparePercentile.P50), Center(ComparePercentile.P99));
        return blocks.Select(b => new CompareBlock(b.Bursts.Select(x => x.Arm == CompareArm.Candidate
            ? x with { P50Ns = (long)(x.P50Ns * Math.Exp(-c50)), P99Ns = (long)(x.P99Ns * Math.Exp(-c99)) }
            : x).ToList())).ToList();
    }

    /// <summary>
    /// The spread of the blocks' paired ln ratios, pooled over sessions around each session's own
    /// centre: the sd, or 1.4826 × the median absolute deviation (what the signed-rank bounds
    /// mostly feel; one stalled block moves it little).
    /// </summary>
    private static double Spread(List<Session> pool, ComparePercentile percentile, bool robust)
    {
        var deviations = pool.SelectMany(s => s.Blocks.Select(b => b.LnRatio(percentile))).ToList();
        if (robust)
        {
            var sorted = deviations.Select(Math.Abs).Order().ToList();
            return 1.4826 * sorted[sorted.Count / 2];
        }

        return Math.Sqrt(deviations.Sum(d => d * d) / Math.Max(1, deviations.Count - 1));
    }

    private static double Median(Session session, ComparePercentile percentile)
    {
        var figures = session.Blocks.SelectMany(b => b.Bursts).Where(b => b.Arm == CompareArm.Baseline).Select(b => (double)b.At(percentile)).Order().ToList();
        return figures[figures.Count / 2];
    }

    private sealed record CompareOptions(string From, int Comparisons, int Seed, double Threshold, double BudgetSeconds, string Out);

    private static CompareOptions Options(string[] args)
    {
        var o = new CompareOptions("benchmarks/compare-runs", 200, 11, CompareRule.DefaultThresholdPercent, 300, "benchmarks/compare-calibration.json");
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new InputException($"compare-calibration: {args[i]} needs a value");
            o = args[i] switch
            {
                "--from" => o with { From = value },
                "--comparisons" => o with { Comparisons = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seed" => o with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--threshold" => o with { Threshold = double.Parse(value, CultureInfo.InvariantCulture) },
                "--budget-seconds" => o with { BudgetSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--out" => o with { Out = value },
                _ => throw new InputException($"compare-calibration: unknown option {args[i]}; see Calibration/CompareCalibrationRun.cs"),
            };
        }

        return o;
    }
}
