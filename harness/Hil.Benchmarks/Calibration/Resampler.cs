using Hil.Latency.Files;
using Hil.Latency.Measurement;

namespace Hil.Benchmarks.Calibration;

/// <summary>
/// Draws latencies from one real run's full histogram (inverse CDF over its buckets, so each
/// draw is a value the run produced, to 0.1 %), and applies the synthetic regressions the
/// calibration injects.
/// </summary>
internal sealed class Resampler
{
    private readonly long[] values;
    private readonly long[] cumulative;

    public Resampler(LatencyRun run)
    {
        Run = run;
        // HdrHistogram.NET's iterator reuses one HistogramIterationValue: read each step as it comes.
        var valueList = new List<long>();
        var cumulativeList = new List<long>();
        long total = 0;
        foreach (var step in run.Histogram.RecordedValues())
        {
            total += step.CountAddedInThisIterationStep;
            valueList.Add(step.ValueIteratedTo);
            cumulativeList.Add(total);
        }

        values = [.. valueList];
        cumulative = [.. cumulativeList];
        P50 = run.Histogram.GetValueAtPercentile(50);
        P90 = run.Histogram.GetValueAtPercentile(90);
        P99 = run.Histogram.GetValueAtPercentile(99);
    }

    public LatencyRun Run { get; }

    public long P50 { get; }

    public long P90 { get; }

    public long P99 { get; }

    public LatencyRun Draw(int n, Random random, Shift shift)
    {
        var total = cumulative[^1];
        var drawn = new long[n];
        for (var i = 0; i < n; i++)
        {
            var index = Array.BinarySearch(cumulative, random.NextInt64(total) + 1);
            drawn[i] = Apply(values[index < 0 ? ~index : index], shift);
        }

        var metadata = new RunMetadata(Run.Key, Run.Host, LoadMode.OpenLoop, Run.RateHz, n, 0, Run.StartedUtc, null, null);
        return RunAnalysis.FromValues(metadata, drawn, seed: (ulong)random.NextInt64(1, long.MaxValue), analyse: false);
    }

    /// <summary>
    /// p50 shifts add Fraction × p50 to every value (what the sim's per-hop delay does);
    /// p99 shifts stretch only the tail above p90 so p99 grows by Fraction and the median stays.
    /// </summary>
    public long Apply(long v, Shift shift) => shift.At switch
    {
        ShiftAt.None => v,
        ShiftAt.P50 => v + (long)(shift.Fraction * P50),
        _ => v + (long)(shift.Fraction * P99 * Math.Clamp((v - P90) / (double)Math.Max(1, P99 - P90), 0, 1)),
    };
}

internal enum ShiftAt
{
    None,
    P50,
    P99,
}

internal sealed record Shift(ShiftAt At, double Fraction)
{
    public static readonly Shift None = new(ShiftAt.None, 0);

    public override string ToString() => At == ShiftAt.None
        ? "A/A"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"+{Math.Round(Fraction * 100)}% at {At.ToString().ToLowerInvariant()}");
}
