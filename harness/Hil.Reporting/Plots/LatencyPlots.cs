using ScottPlot;
using ScottPlot.TickGenerators;

namespace Hil.Reporting;

/// <summary>Latency plots with ScottPlot: percentiles on a nines axis, histogram, shift function.</summary>
public static class LatencyPlots
{
    private const int Width = 900;
    private const int Height = 540;

    /// <summary>Every topology and its floor on one nines axis, latency on a log axis labelled in ns/µs/ms.</summary>
    public static PlotImages Percentiles(LatencyMeasurement measurement) => Render(PercentilePlot(measurement));

    internal static Plot PercentilePlot(LatencyMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        var plot = new Plot();
        var topologies = measurement.Series.Select(s => s.Topology).Distinct(StringComparer.Ordinal).ToList();
        var drawn = measurement.Series.Where(s => s.Points.Count > 0).ToList();
        var maxX = 1.0;
        foreach (var series in drawn)
        {
            var points = series.Points.OrderBy(p => p.Quantile).ToList();
            var xs = points.Select(p => NinesAxis.ToX(p.Quantile, series.SampleCount)).ToArray();
            var ys = points.Select(p => LatencyLogAxis.ToY(p.Nanoseconds)).ToArray();
            maxX = Math.Max(maxX, xs.Max());
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = series.Legend;
            line.Color = plot.Add.Palette.GetColor(topologies.IndexOf(series.Topology));
            line.LineWidth = series.IsFloor ? 1.5f : 2.5f;
            line.LinePattern = series.IsFloor ? LinePattern.Dashed : LinePattern.Solid;
            line.MarkerSize = series.IsFloor ? 0 : 5;
        }

        plot.Axes.Bottom.TickGenerator = NinesTicks(maxX);
        // A little room past the last nine so its tick label is not cut at the edge.
        plot.Axes.SetLimitsX(-0.05, Math.Ceiling(maxX) + 0.35);
        foreach (var limit in measurement.Limits)
        {
            var line = plot.Add.HorizontalLine(LatencyLogAxis.ToY(limit.Nanoseconds), 1.5f,
                limit.IsMarginal ? Colors.Orange : Colors.Red, limit.IsMarginal ? LinePattern.Dotted : LinePattern.Solid);
            line.LegendText = limit.Label;
        }

        if (drawn.Count > 0)
        {
            var all = drawn.SelectMany(s => s.Points).Select(p => p.Nanoseconds).Concat(measurement.Limits.Select(l => l.Nanoseconds)).ToList();
            plot.Axes.Left.TickGenerator = LatencyTicks(all.Min(), all.Max());
            var (low, high) = LatencyLogAxis.Limits(all.Min(), all.Max());
            plot.Axes.SetLimitsY(low, high);
        }

        Label(plot, $"{measurement.Name}: percentiles", measurement, "percentile (nines axis: x = -log10(1 - q))", "latency (log scale)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static NumericManual NinesTicks(double maxX)
    {
        var ticks = new NumericManual();
        foreach (var (x, label) in NinesAxis.Ticks(maxX))
        {
            ticks.AddMajor(x, label);
        }

        return ticks;
    }

    internal static NumericManual LatencyTicks(double minNs, double maxNs)
    {
        var ticks = new NumericManual();
        foreach (var tick in LatencyLogAxis.Ticks(minNs, maxNs))
        {
            if (tick.Label is { } label)
            {
                ticks.AddMajor(tick.Y, label);
            }
            else
            {
                ticks.AddMinor(tick.Y);
            }
        }

        return ticks;
    }

    /// <summary>Sample counts per bucket, bucket width drawn to scale.</summary>
    public static PlotImages Histogram(LatencyMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        var buckets = measurement.Histogram ?? throw new ArgumentException($"measurement '{measurement.Name}' has no histogram", nameof(measurement));
        var plot = new Plot();
        var bars = buckets.Select(b => new Bar
        {
            Position = (b.LowNs + b.HighNs) / 2000,
            Size = Math.Max((b.HighNs - b.LowNs) / 1000, 1e-6),
            Value = b.Count,
            FillColor = plot.Add.Palette.GetColor(0),
            LineWidth = 0,
        }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Margins(bottom: 0);
        Label(plot, $"{measurement.Name}: histogram (n={buckets.Sum(b => b.Count)})", measurement, "latency (µs)", "samples");
        return Render(plot);
    }

    /// <summary>Current minus baseline per quantile, with confidence intervals when given; zero is no change.</summary>
    public static PlotImages ShiftFunction(LatencyMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        var shift = measurement.ShiftAgainstBaseline ?? throw new ArgumentException($"measurement '{measurement.Name}' has no baseline shift", nameof(measurement));
        var plot = new Plot();
        var xs = shift.Select(s => s.Quantile * 100).ToArray();
        var ys = shift.Select(s => s.DifferenceNs / 1000).ToArray();
        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        if (shift.All(s => s.LowNs is not null && s.HighNs is not null))
        {
            var low = shift.Select(s => s.LowNs!.Value / 1000).ToArray();
            var high = shift.Select(s => s.HighNs!.Value / 1000).ToArray();
            var band = plot.Add.FillY(xs, low, high);
            band.LegendText = "confidence interval";
            band.FillColor = Colors.SteelBlue.WithAlpha(0.25);
            band.LineWidth = 0;
        }

        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = "current − baseline";
        line.LineWidth = 2.5f;
        plot.ShowLegend(Alignment.UpperLeft);
        Label(plot, $"{measurement.Name}: shift against baseline", measurement, "quantile (%)", "difference (µs)");
        return Render(plot);
    }

    private static void Label(Plot plot, string title, LatencyMeasurement measurement, string x, string y)
    {
        plot.Font.Set("DejaVu Sans");
        plot.Title($"{title}\nrig {measurement.Rig}, host {measurement.Host}", 15);
        plot.XLabel(x, 13);
        plot.YLabel(y, 13);
    }

    private static PlotImages Render(Plot plot) =>
        new(plot.GetSvgXml(Width, Height), plot.GetImageBytes(Width, Height, ImageFormat.Png));
}
