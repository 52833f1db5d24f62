using System.Globalization;
using HdrHistogram;
using Hil.Foundation;
using Perfolizer.Mathematics.Multimodality;

namespace Hil.Latency.Statistics;

/// <summary>Inputs of the analysers: the recorded run and what is known about the host.</summary>
internal sealed record AnalysisInput(
    HistogramBase Histogram,
    IReadOnlyList<long> Subsample,
    IReadOnlyList<long> FirstSamples,
    IReadOnlyList<long> LastSamples,
    long ClockAnomalies,
    HostConditions Host);

/// <summary>
/// Checks that warn, never fail: each returns a warning when the figures are weaker than they
/// look. Thresholds are public so reports can quote them.
/// </summary>
internal static class Analysers
{
    /// <summary>BenchmarkDotNet's MultimodalDistributionAnalyzer calls mvalue &gt; 3.2 bimodal, &gt; 4.2 multimodal.</summary>
    public const double MValueLimit = 3.2;

    /// <summary>A percentile needs this many values beyond it before its estimate means much.</summary>
    public const int ValuesBeyondPercentile = 10;

    /// <summary>Floor (p5 of the first vs last window) moving by more than this fraction.</summary>
    public const double FloorDriftLimit = 0.20;

    public const double LoadPerCoreLimit = 1.0;

    public const double FloorTailRatioLimit = 20.0;

    /// <summary>Tukey's far-out fence: Q3 + 3 IQR.</summary>
    public const double OutlierIqrs = 3.0;

    public static IReadOnlyList<LatencyWarning> Run(AnalysisInput input, IReadOnlyList<double> percentilesAsked)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(percentilesAsked);
        var warnings = new List<LatencyWarning>();
        Add(warnings, Multimodality(input.Subsample));
        warnings.AddRange(TooFew(input.Histogram.TotalCount, percentilesAsked));
        Add(warnings, FloorDrift(input.FirstSamples, input.LastSamples));
        Add(warnings, NoisyHost(input.Host));
        Add(warnings, Outliers(input.Histogram));
        if (input.ClockAnomalies > 0)
        {
            warnings.Add(new LatencyWarning(LatencyWarning.ClockAnomaly, $"{input.ClockAnomalies} records were received before their scheduled time (t_recv_ns < t_sched_ns); recorded as 1 ns"));
        }

        return warnings;
    }

    public static LatencyWarning? Multimodality(IReadOnlyList<long> subsample)
    {
        if (subsample.Count < 100)
        {
            return null;
        }

        var mvalue = MValueCalculator.Calculate(subsample.Select(v => (double)v).ToArray());
        return mvalue > MValueLimit
            ? new LatencyWarning(LatencyWarning.Multimodal, F($"mvalue {mvalue:0.##} > {MValueLimit}: the distribution has several modes; a median or mean summarises it badly"))
            : null;
    }

    public static IEnumerable<LatencyWarning> TooFew(long count, IReadOnlyList<double> percentilesAsked)
    {
        foreach (var q in percentilesAsked.Where(q => q < 1.0))
        {
            var beyond = count * (1 - q);
            if (beyond < ValuesBeyondPercentile)
            {
                var needed = (long)Math.Ceiling(ValuesBeyondPercentile / (1 - q));
                yield return new LatencyWarning(LatencyWarning.TooFewSamples, F($"p{q * 100:0.###} from {count} samples rests on {beyond:0.#} values beyond it; at least {needed} samples are needed for {ValuesBeyondPercentile}"));
            }
        }
    }

    public static LatencyWarning? FloorDrift(IReadOnlyList<long> first, IReadOnlyList<long> last)
    {
        if (first.Count < 100 || last.Count < 100)
        {
            return null;
        }

        var start = Percentile5(first);
        var end = Percentile5(last);
        var low = Math.Min(start, end);
        var drift = low > 0 ? Math.Abs(end - start) / (double)low : 0;
        return drift > FloorDriftLimit
            ? new LatencyWarning(LatencyWarning.FloorDrift, F($"the floor (p5) moved from {DurationText.Of(start)} over the first {first.Count:N0} samples to {DurationText.Of(end)} over the last {last.Count:N0} ({drift:P0} > {FloorDriftLimit:P0}): the host changed during the run"))
            : null;
    }

    public static LatencyWarning? NoisyHost(HostConditions host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.LoadPerCore > LoadPerCoreLimit)
        {
            return new LatencyWarning(LatencyWarning.NoisyHost, F($"load average per core {host.LoadPerCore:0.##} > {LoadPerCoreLimit}: other work competed for the cores"));
        }

        return host.FloorTailRatio > FloorTailRatioLimit
            ? new LatencyWarning(LatencyWarning.NoisyHost, F($"the floor primitive's p99/p50 is {host.FloorTailRatio:0.#} > {FloorTailRatioLimit}: the host itself has a ragged tail"))
            : null;
    }

    public static LatencyWarning? Outliers(HistogramBase histogram)
    {
        if (histogram.TotalCount < 4)
        {
            return null;
        }

        var q1 = HistogramMath.ValueAt(histogram, 0.25);
        var q3 = HistogramMath.ValueAt(histogram, 0.75);
        var fence = q3 + (long)(OutlierIqrs * (q3 - q1));
        var above = HistogramMath.CountAbove(histogram, fence);
        return above > 0
            ? new LatencyWarning(LatencyWarning.Outliers, F($"{above:N0} of {histogram.TotalCount:N0} samples ({(double)above / histogram.TotalCount:P2}) lie above Q3 + {OutlierIqrs} IQR = {DurationText.Of(fence)}; kept, not deleted"))
            : null;
    }

    private static long Percentile5(IReadOnlyList<long> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)(0.05 * (sorted.Length - 1))];
    }

    private static void Add(List<LatencyWarning> warnings, LatencyWarning? warning)
    {
        if (warning is not null)
        {
            warnings.Add(warning);
        }
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
