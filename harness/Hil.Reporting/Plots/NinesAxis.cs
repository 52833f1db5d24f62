using System.Globalization;

namespace Hil.Reporting;

/// <summary>
/// The "nines" axis of latency percentile plots: x = -log10(1 - q), so p90, p99, p99.9 sit one
/// unit apart and the tail gets as much room as the body.
/// </summary>
public static class NinesAxis
{
    /// <summary>q = 1 (the maximum) has no finite position; it is drawn at the data's resolution, log10(n).</summary>
    public static double ToX(double quantile, long sampleCount)
    {
        if (quantile is < 0 or > 1 || double.IsNaN(quantile))
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "a quantile is in [0, 1]");
        }

        var resolution = Math.Log10(Math.Max(10, sampleCount));
        // 0.0 - x, not -x: q = 0 must give +0, not a "-0" in the CSV.
        return quantile >= 1 ? resolution : Math.Min(resolution, 0.0 - Math.Log10(1 - quantile));
    }

    /// <summary>Tick labels 0%, 90%, 99%, 99.9%, … up to <paramref name="maxX"/>.</summary>
    public static IReadOnlyList<(double X, string Label)> Ticks(double maxX)
    {
        var ticks = new List<(double, string)>();
        for (var n = 0; n <= Math.Ceiling(maxX); n++)
        {
            var percent = 100 * (1 - Math.Pow(10, -n));
            ticks.Add((n, n == 0 ? "0%" : percent.ToString("0.#########", CultureInfo.InvariantCulture) + "%"));
        }

        return ticks;
    }
}
