using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Hil.Reporting.Trend;

/// <summary>
/// The trend across nights as ScottPlot draws it: one plot per percentile, each topology and its
/// floor (dashed) on the log latency axis, nights on x, and a vertical line where a series moved.
/// </summary>
public static class TrendPlots
{
    private const int Width = 1000;
    private const int Height = 560;

    public static PlotImages Render(IReadOnlyList<TrendSeries> series, string rig, string percentile)
    {
        var plot = PlotOf(series, rig, percentile);
        return new(plot.GetSvgXml(Width, Height), plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    internal static Plot PlotOf(IReadOnlyList<TrendSeries> series, string rig, string percentile)
    {
        ArgumentNullException.ThrowIfNull(series);
        var drawn = series.Where(s => s.Percentile == percentile).ToList();
        var nights = drawn.SelectMany(s => s.Nights.Select(n => n.At)).Distinct().Order().ToList();
        var topologies = drawn.Select(s => s.Topology).Distinct(StringComparer.Ordinal).ToList();
        var plot = new Plot();
        foreach (var s in drawn)
        {
            var colour = plot.Add.Palette.GetColor(topologies.IndexOf(s.Topology));
            var xs = s.Nights.Select(n => (double)nights.IndexOf(n.At)).ToArray();
            var line = plot.Add.Scatter(xs, s.Nights.Select(n => LatencyLogAxis.ToY(n.Nanoseconds)).ToArray());
            line.LegendText = s.Legend;
            line.Color = colour;
            line.LinePattern = s.IsFloor ? LinePattern.Dashed : LinePattern.Solid;
            line.MarkerSize = s.IsFloor ? 3 : 6;
            foreach (var move in s.Moves)
            {
                var mark = plot.Add.VerticalLine(nights.IndexOf(move.At) - 0.5, 1.5f, colour, LinePattern.Dotted);
                mark.LegendText = $"{s.Legend} moved";
            }
        }

        Axes(plot, drawn, nights);
        plot.Font.Set("DejaVu Sans");
        plot.Title($"latency {percentile} across nights, rig {rig} (dotted line: a change point, the series moved)", 15);
        plot.XLabel("night (run start, UTC)", 13);
        plot.YLabel($"{percentile} latency (log scale)", 13);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static void Axes(Plot plot, List<TrendSeries> drawn, List<DateTimeOffset> nights)
    {
        var x = new NumericManual();
        var every = Math.Max(1, nights.Count / 12);
        for (var i = 0; i < nights.Count; i += every)
        {
            x.AddMajor(i, nights[i].UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        plot.Axes.Bottom.TickGenerator = x;
        plot.Axes.SetLimitsX(-0.5, Math.Max(nights.Count - 0.5, 0.5));
        var all = drawn.SelectMany(s => s.Nights).Select(n => (double)n.Nanoseconds).ToList();
        if (all.Count == 0)
        {
            return;
        }

        plot.Axes.Left.TickGenerator = LatencyPlots.LatencyTicks(all.Min(), all.Max());
        var (low, high) = LatencyLogAxis.Limits(all.Min(), all.Max());
        plot.Axes.SetLimitsY(low, high);
    }
}
