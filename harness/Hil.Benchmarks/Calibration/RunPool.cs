using Hil.Latency.Files;
using Hil.Latency.Gate;

namespace Hil.Benchmarks.Calibration;

/// <summary>
/// One real run ready for thousands of trials: its gated percentiles as measured, and for each
/// smaller sample size a few resamples' percentiles. Shifts are applied to percentile values
/// directly: both synthetic regressions are monotone maps of each latency, and a monotone
/// map commutes with quantiles, so this equals shifting every value and re-reading the histogram.
/// </summary>
internal sealed class RunPool
{
    private readonly Dictionary<int, long[][]> bySize = [];

    public RunPool(LatencyRun run, IReadOnlyList<int> sizes, int draws, IReadOnlyList<double> percentiles, Random random)
    {
        Sampler = new Resampler(run);
        foreach (var n in sizes)
        {
            bySize[n] = n == 0 || n >= run.Histogram.TotalCount
                ? [[.. percentiles.Select(q => run.Histogram.GetValueAtPercentile(q * 100))]]
                : [.. Enumerable.Range(0, draws).Select(_ => Percentiles(Sampler.Draw(n, random, Shift.None), percentiles))];
        }
    }

    public Resampler Sampler { get; }

    public LatencyRun Run => Sampler.Run;

    /// <summary>ln figures of one draw (or the run itself) at size n, shifted.</summary>
    public double[] Logs(int n, Random random, Shift shift, GateOptions options)
    {
        var sets = bySize[n];
        var values = sets[sets.Length == 1 ? 0 : random.Next(sets.Length)];
        return RunFigures.ToLogs([.. values.Select(v => Sampler.Apply(v, shift))], Run.Floor, options, Run.Key.Topology);
    }

    /// <summary>Spread of ln(percentile) over this run's resamples at size n: the within-run part of the noise.</summary>
    public double WithinSd(int n, int index)
    {
        var logs = bySize[n].Select(s => Math.Log(s[index])).ToArray();
        return logs.Length < 2 ? double.NaN : Sd(logs);
    }

    public static double Sd(IReadOnlyList<double> x)
    {
        var mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1));
    }

    private static long[] Percentiles(LatencyRun run, IReadOnlyList<double> percentiles) =>
        [.. percentiles.Select(q => run.Histogram.GetValueAtPercentile(q * 100))];
}
