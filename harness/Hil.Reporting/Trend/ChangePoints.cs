using Perfolizer.Mathematics.Cpd;

namespace Hil.Reporting.Trend;

/// <summary>
/// The nights where a nightly series moved: Perfolizer's ED-PELT change-point detector (PELT with an
/// empirical-distribution cost, so no normality is assumed) over log10 latency, so a doubling counts
/// the same at 1 µs as at 1 ms.
/// </summary>
public static class ChangePoints
{
    /// <summary>Each segment spans at least this many nights, so one odd night is an outlier, not a move.</summary>
    public const int MinNights = 2;

    /// <summary>The index of the first night of every new segment, ascending; none for a series too short to split.</summary>
    public static IReadOnlyList<int> Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2 * MinNights)
        {
            return [];
        }

        var logs = values.Select(v => Math.Log10(Math.Max(v, 1))).ToArray();
        var found = EdPeltChangePointDetector.Instance.GetChangePointIndexes(logs, MinNights).Order().ToList();
        var starts = new List<int>();
        for (var k = 0; k < found.Count; k++)
        {
            var before = starts.Count > 0 ? starts[^1] : 0;
            var after = k + 1 < found.Count ? found[k + 1] + 1 : logs.Length;
            starts.Add(Settle(logs, before, found[k], after));
        }

        return starts;
    }

    /// <summary>
    /// ED-PELT's index sits on either side of a move (the last night of the old level or the first of
    /// the new, depending on ties among the nights); the night the new level began is whichever of the
    /// two splits [before, after) with the least squared error.
    /// </summary>
    private static int Settle(double[] logs, int before, int index, int after)
    {
        int[] candidates = [.. new[] { index, index + 1 }.Where(c => c > before && c < after)];
        return candidates.Length == 0 ? index : candidates.MinBy(c => Sse(logs, before, c) + Sse(logs, c, after));
    }

    private static double Sse(double[] logs, int from, int to)
    {
        var segment = logs[from..to];
        var mean = segment.Average();
        return segment.Sum(v => (v - mean) * (v - mean));
    }
}
