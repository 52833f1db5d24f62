using System.Globalization;
using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Gate;

namespace Hil.Benchmarks.Calibration;

/// <summary>
/// Measures the gate's false-alarm rate and power on real sim measurements (collected with
/// `hil latency --out`, see benchmarks/README.md):
/// 1. per topology, R real runs in measuring order;
/// 2. per trial, K + 2 distinct runs drawn at random: K as the baseline, one as current, one as
///    the re-measure, each as measured or resampled to n values — so every comparison carries
///    real run-to-run variation; power trials shift current and re-measure (<see cref="Resampler"/>);
/// 3. also chronological A/A: K consecutive runs as baseline, the next two as current and re-measure;
/// 4. rates per K, n, alpha and normalisation → benchmarks/gate-calibration.md.
/// </summary>
internal static class GateCalibration
{
    public static Task<int> RunAsync(string[] args)
    {
        var o = CalibrationOptions.Parse(args);
        var root = RepositoryRoot.Find();
        var runs = Directory.EnumerateFiles(Path.Combine(root, o.From), "*.json").Order(StringComparer.Ordinal).Select(LatencyRunFile.Read).ToList();
        var percentiles = GateOptions.Default.Percentiles;
        var rows = new List<CalibrationRow>();
        var spreads = new List<SpreadRow>();
        foreach (var group in runs.GroupBy(r => r.Key.Topology))
        {
            var random = new Random(o.Seed ^ group.Key.GetHashCode(StringComparison.Ordinal));
            var pools = group.Select(r => new RunPool(r, o.Sizes, o.Draws, percentiles, random)).ToList();
            spreads.AddRange(Spread(group.Key, pools, o));
            foreach (var norm in o.Normalisations.Where(n => n == GateNormalisation.None || pools.All(p => p.Run.Floor is not null)))
            {
                foreach (var n in o.Sizes)
                {
                    foreach (var k in o.Ks.Where(k => k + 2 <= pools.Count))
                    {
                        foreach (var alpha in o.Alphas)
                        {
                            var options = GateOptions.Default with { Alpha = alpha, Normalisation = norm };
                            rows.Add(Measure(group.Key, pools, n, k, options, o, random));
                        }
                    }
                }
            }
        }

        var path = Path.Combine(root, o.Out);
        AtomicFile.WriteAllText(path, CalibrationReport.Render(o, runs, spreads, rows, Environment.GetCommandLineArgs()));
        Console.Out.WriteLine($"wrote {path}");
        return Task.FromResult(0);
    }

    private static CalibrationRow Measure(string topology, List<RunPool> pools, int n, int k, GateOptions options, CalibrationOptions o, Random random)
    {
        var rates = new Dictionary<string, double>();
        var indices = Enumerable.Range(0, pools.Count).ToArray();
        foreach (var shift in CalibrationOptions.Shifts)
        {
            int confirmed = 0, single = 0;
            for (var t = 0; t < o.Trials; t++)
            {
                PartialShuffle(indices, k + 2, random);
                var baseline = indices.Take(k).Select(i => pools[i].Logs(n, random, Shift.None, options)).ToList();
                var current = pools[indices[k]].Logs(n, random, shift, options);
                var confirm = pools[indices[k + 1]].Logs(n, random, shift, options);
                single += RegressionGate.Decide(baseline, current, null, options) ? 1 : 0;
                confirmed += RegressionGate.Decide(baseline, current, confirm, options) ? 1 : 0;
            }

            rates[shift.ToString()] = (double)confirmed / o.Trials;
            if (shift.At == ShiftAt.None)
            {
                rates["A/A current alone"] = (double)single / o.Trials;
            }
        }

        var (alarms, windows) = Chronological(pools, n, k, options, random);
        var row = new CalibrationRow(topology, n == 0 ? pools[0].Run.Samples : n, k, options.Alpha, options.Normalisation, o.Trials, rates, alarms, windows);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{topology} n={row.N} K={k} alpha={options.Alpha} {options.Normalisation}: {string.Join(", ", rates.Select(r => $"{r.Key} {r.Value:P1}"))}; chronological {alarms}/{windows}"));
        return row;
    }

    /// <summary>Baseline = runs s..s+K-1, current = s+K, re-measure = s+K+1: the order a real baseline is used in.</summary>
    private static (int Alarms, int Windows) Chronological(List<RunPool> pools, int n, int k, GateOptions options, Random random)
    {
        var alarms = 0;
        var windows = pools.Count - k - 1;
        for (var s = 0; s < windows; s++)
        {
            var baseline = pools.Skip(s).Take(k).Select(p => p.Logs(n, random, Shift.None, options)).ToList();
            alarms += RegressionGate.Decide(baseline, pools[s + k].Logs(n, random, Shift.None, options), pools[s + k + 1].Logs(n, random, Shift.None, options), options) ? 1 : 0;
        }

        return (alarms, Math.Max(0, windows));
    }

    private static IEnumerable<SpreadRow> Spread(string topology, List<RunPool> pools, CalibrationOptions o)
    {
        var percentiles = GateOptions.Default.Percentiles;
        foreach (var norm in o.Normalisations.Where(n => n == GateNormalisation.None || pools.All(p => p.Run.Floor is not null)))
        {
            var options = GateOptions.Default with { Normalisation = norm };
            var logs = pools.Select(p => p.Logs(0, Random.Shared, Shift.None, options)).ToList();
            var within = o.Sizes.Where(n => n > 0).Select(n => (n, sds: percentiles.Select((_, i) => pools.Average(p => p.WithinSd(n, i))).ToArray())).ToList();
            yield return new SpreadRow(topology, norm, pools.Count, [.. percentiles.Select((_, i) => RunPool.Sd(logs.Select(l => l[i]).ToList()))], within);
        }
    }

    private static void PartialShuffle(int[] a, int count, Random random)
    {
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, a.Length);
            (a[i], a[j]) = (a[j], a[i]);
        }
    }
}

internal sealed record CalibrationRow(string Topology, long N, int K, double Alpha, GateNormalisation Normalisation, int Trials, IReadOnlyDictionary<string, double> Rates, int ChronoAlarms, int ChronoWindows);

/// <summary>Between-run sd of ln(percentile) per gated percentile over all runs, and the mean within-run sd at each resampled size.</summary>
internal sealed record SpreadRow(string Topology, GateNormalisation Normalisation, int Runs, double[] BetweenSd, List<(int N, double[] Sds)> Within);
