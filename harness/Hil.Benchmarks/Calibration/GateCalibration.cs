using System.Globalization;
using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Gate;
using Hil.Latency.Measurement;
using Hil.Latency.Running;
using Hil.Rigs;
using Hil.UserClients.Probe;

namespace Hil.Benchmarks.Calibration;

/// <summary>
/// Measures the gate's false-alarm rate and power on real sim measurements:
/// 1. K real runs per topology on the sim (or --from DIR to reuse stored runs);
/// 2. per trial, three distinct runs i, j, k as baseline, current and confirm, each resampled
///    to n values from its own histogram — so the A/A comparisons carry real run-to-run
///    variation, not only sampling noise; power trials shift current and confirm (Resampler);
/// 3. the rate of regression verdicts per n, shift and practical margin → benchmarks/gate-calibration.md.
/// </summary>
internal static class GateCalibration
{
    public static async Task<int> RunAsync(string[] args)
    {
        var o = CalibrationOptions.Parse(args);
        var root = RepositoryRoot.Find();
        var runs = o.From is { } from ? Load(from) : await CollectAsync(o, root).ConfigureAwait(false);
        var results = new List<CalibrationRow>();
        foreach (var group in runs.GroupBy(r => r.Key.Topology))
        {
            var samplers = group.Select(r => new Resampler(r)).ToList();
            if (samplers.Count < 3)
            {
                throw new InputException($"{group.Key}: {samplers.Count} runs; the calibration needs at least 3 (baseline, current, confirm distinct)");
            }

            foreach (var n in o.Sizes)
            {
                foreach (var margin in o.Margins)
                {
                    var options = GateOptions.Default with { PracticalMargin = margin };
                    results.Add(Measure(group.Key, samplers, n, options, o, Console.Error));
                }
            }
        }

        var path = Path.Combine(root, "benchmarks", "gate-calibration.md");
        AtomicFile.WriteAllText(path, CalibrationReport.Render(o, runs, results, Environment.CommandLine));
        Console.Out.WriteLine($"wrote {path}");
        return 0;
    }

    private static CalibrationRow Measure(string topology, List<Resampler> samplers, int n, GateOptions options, CalibrationOptions o, TextWriter log)
    {
        var random = new Random(o.Seed ^ n ^ topology.GetHashCode(StringComparison.Ordinal));
        var rates = new Dictionary<string, double>();
        foreach (var shift in CalibrationOptions.Shifts)
        {
            int confirmed = 0, single = 0;
            for (var t = 0; t < o.Trials; t++)
            {
                var (i, j, k) = Distinct3(samplers.Count, random);
                var baseline = samplers[i].Draw(n, random, Shift.None);
                var current = samplers[j].Draw(n, random, shift);
                var confirm = samplers[k].Draw(n, random, shift);
                single += RegressionGate.Decide(baseline, current, null, options) ? 1 : 0;
                confirmed += RegressionGate.Decide(baseline, current, confirm, options) ? 1 : 0;
            }

            rates[shift.ToString()] = (double)confirmed / o.Trials;
            if (shift.At == ShiftAt.None)
            {
                rates["A/A single-stage"] = (double)single / o.Trials;
            }
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{topology} n={n} margin={options.PracticalMargin}: {string.Join(", ", rates.Select(r => $"{r.Key} {r.Value:P1}"))}"));
        return new CalibrationRow(topology, n, options.PracticalMargin, o.Trials, rates);
    }

    private static (int, int, int) Distinct3(int count, Random random)
    {
        var i = random.Next(count);
        int j, k;
        do
        {
            j = random.Next(count);
        }
        while (j == i);
        do
        {
            k = random.Next(count);
        }
        while (k == i || k == j);
        return (i, j, k);
    }

    private static List<LatencyRun> Load(string dir) =>
        Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal).Select(LatencyRunFile.Read).ToList();

    private static async Task<List<LatencyRun>> CollectAsync(CalibrationOptions o, string root)
    {
        var rig = RigFile.Load(Path.Combine(root, o.Rig));
        var runs = new List<LatencyRun>();
        foreach (var topology in o.Topologies)
        {
            for (var i = 0; i < o.Runs; i++)
            {
                var request = new LatencyRequest(rig, topology, new MeasurementPlan(o.Samples, o.RateHz, o.Warmup)) { MeasureFloor = false };
                var run = await RigLatencyRunner.RunAsync(request, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
                runs.Add(run);
                if (o.KeepRuns is { } keep)
                {
                    LatencyRunFile.Write(Path.Combine(keep, $"{TopologyNames.Format(topology)}-{i:00}.json"), run);
                }

                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {TopologyNames.Format(topology)} {i + 1}/{o.Runs}: p50 {run.Summary.P50Ns} ns, p99 {run.Summary.P99Ns} ns"));
            }
        }

        return runs;
    }
}

internal sealed record CalibrationRow(string Topology, int N, double Margin, int Trials, IReadOnlyDictionary<string, double> Rates);
