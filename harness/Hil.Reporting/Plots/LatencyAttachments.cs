using System.Globalization;
using System.Text;

namespace Hil.Reporting;

/// <summary>
/// Attaches a measurement to the running step or test: percentile, histogram and shift plots
/// (SVG and PNG), the raw histogram log and a CSV of percentiles.
/// </summary>
public static class LatencyAttachments
{
    public static void Attach(LatencyMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        AttachPlot($"{measurement.Name}: percentiles", LatencyPlots.Percentiles(measurement));
        if (measurement.Histogram is { Count: > 0 })
        {
            AttachPlot($"{measurement.Name}: histogram", LatencyPlots.Histogram(measurement));
        }

        if (measurement.ShiftAgainstBaseline is { Count: > 0 })
        {
            AttachPlot($"{measurement.Name}: shift against baseline", LatencyPlots.ShiftFunction(measurement));
        }

        if (measurement.RawHistogramLog is { } log)
        {
            AllureSteps.AttachText($"{measurement.Name}: raw histogram log", log, "text/plain", "hlog");
        }

        AllureSteps.AttachText($"{measurement.Name}: percentiles CSV", PercentileCsv(measurement.Series), "text/csv", "csv");
    }

    /// <summary>One row per series and quantile; the nines column is the plot's x.</summary>
    public static string PercentileCsv(IEnumerable<PercentileSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var csv = new StringBuilder("series,kind,samples,quantile,nines,latency_ns\n");
        foreach (var s in series)
        {
            foreach (var (quantile, ns) in s.Points.OrderBy(p => p.Quantile))
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{s.Topology},{(s.IsFloor ? "floor" : "measured")},{s.SampleCount},{quantile:R},{NinesAxis.ToX(quantile, s.SampleCount):0.####},{ns:R}\n");
            }
        }

        return csv.ToString();
    }

    private static void AttachPlot(string name, PlotImages images)
    {
        AllureSteps.AttachText(name, images.Svg, "image/svg+xml", "svg");
        AllureSteps.AttachBytes($"{name} (PNG)", images.Png, "image/png", "png");
    }
}
