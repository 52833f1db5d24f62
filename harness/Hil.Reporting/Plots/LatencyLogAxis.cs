using Hil.Foundation;

namespace Hil.Reporting;

/// <summary>One tick of the latency axis: its position (log10 ns) and its label, null for an unlabelled minor tick.</summary>
public sealed record LogTick(double Y, string? Label);

/// <summary>
/// The latency axis of percentile plots: y = log10(ns), so a 1 µs floor and a 100 µs tail are both
/// readable (on a linear axis the floor and p50 sat on zero). ScottPlot 5 has no log axis of its
/// own: the data are log-transformed and the ticks placed and labelled here.
/// </summary>
public static class LatencyLogAxis
{
    /// <summary>Room above and below the data, in decades.</summary>
    private const double Padding = 0.1;

    /// <summary>Below 1 ns nothing is measured; clamping keeps a zero minimum on the plot.</summary>
    public static double ToY(double nanoseconds) => Math.Log10(Math.Max(nanoseconds, 1));

    /// <summary>The axis range for data between <paramref name="minNs"/> and <paramref name="maxNs"/>.</summary>
    public static (double Low, double High) Limits(double minNs, double maxNs) => (ToY(minNs) - Padding, ToY(Math.Max(minNs, maxNs)) + Padding);

    /// <summary>
    /// Ticks at 1–9 × 10^k inside the limits: 1 × 10^k always labelled, 2 and 5 labelled when the data
    /// span three decades or less, every one labelled within one decade, so an axis never goes unlabelled.
    /// </summary>
    public static IReadOnlyList<LogTick> Ticks(double minNs, double maxNs)
    {
        var (low, high) = Limits(minNs, maxNs);
        var span = high - low - (2 * Padding);
        var ticks = new List<LogTick>();
        for (var decade = (int)Math.Floor(low); decade <= (int)Math.Ceiling(high); decade++)
        {
            for (var m = 1; m <= 9; m++)
            {
                var ns = m * Math.Pow(10, decade);
                var y = Math.Log10(ns);
                if (y >= low && y <= high)
                {
                    var labelled = m == 1 || (span <= 3 && m is 2 or 5) || span <= 1;
                    ticks.Add(new LogTick(y, labelled ? DurationText.Tick(ns) : null));
                }
            }
        }

        return ticks;
    }
}
