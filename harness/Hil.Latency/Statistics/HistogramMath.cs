using HdrHistogram;

namespace Hil.Latency.Statistics;

/// <summary>Counting questions answered from a histogram, exact up to its bucket resolution (0.1 %).</summary>
internal static class HistogramMath
{
    /// <summary>How many recorded values lie in buckets above <paramref name="value"/>'s bucket.</summary>
    public static long CountAbove(HistogramBase histogram, long value)
    {
        var top = histogram.HighestEquivalentValue(value);
        long atOrBelow = 0;
        foreach (var step in histogram.RecordedValues())
        {
            if (step.ValueIteratedTo > top)
            {
                break;
            }

            atOrBelow += step.CountAddedInThisIterationStep;
        }

        return histogram.TotalCount - atOrBelow;
    }

    public static LongHistogram Sum(HistogramBase a, HistogramBase b)
    {
        var sum = new LongHistogram(1, Math.Max(a.HighestTrackableValue, b.HighestTrackableValue), a.NumberOfSignificantValueDigits);
        sum.Add(a);
        sum.Add(b);
        return sum;
    }

    /// <summary>Percentile as a fraction in (0,1], the way the rest of this library speaks.</summary>
    public static long ValueAt(HistogramBase histogram, double quantile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(quantile * 100.0);
}
