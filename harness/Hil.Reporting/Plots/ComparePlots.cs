using Hil.Latency.Compare;
using ScottPlot;

namespace Hil.Reporting;

/// <summary>
/// What a comparison attaches: each block's paired ratio candidate/baseline at p50 and p99, in
/// block order, with the practical threshold and the no-change line, so a reader sees whether
/// the verdict rests on every block or on a few.
/// </summary>
public static class ComparePlots
{
    private const int Width = 900;
    private const int Height = 540;

    public static PlotImages BlockRatios(string title, IReadOnlyList<CompareBlock> blocks, CompareRule rule)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(rule);
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var xs = Enumerable.Range(1, blocks.Count).Select(i => (double)i).ToArray();
        plot.Add.HorizontalLine(1, 1, Colors.Gray, LinePattern.Dashed);
        var threshold = plot.Add.HorizontalLine(1 + (rule.ThresholdPercent / 100), 1.5f, Colors.Red, LinePattern.Dotted);
        threshold.LegendText = $"threshold +{rule.ThresholdPercent:0.##} %";
        foreach (var (percentile, color) in new[] { (ComparePercentile.P50, Colors.SteelBlue), (ComparePercentile.P99, Colors.DarkOrange) })
        {
            var ys = blocks.Select(b => Math.Exp(b.LnRatio(percentile))).ToArray();
            var points = plot.Add.Scatter(xs, ys, color);
            points.LegendText = $"{CompareVerdict.Name(percentile)} candidate / baseline";
            points.LineWidth = 1;
            points.MarkerSize = 7;
        }

        plot.ShowLegend(Alignment.UpperLeft);
        plot.Title($"{title}: per-block paired ratios", 15);
        plot.XLabel("block", 13);
        plot.YLabel("ratio candidate / baseline", 13);
        return new PlotImages(plot.GetSvgXml(Width, Height), plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    /// <summary>Attaches the plot (SVG and PNG) to the running step or test.</summary>
    public static void Attach(string title, IReadOnlyList<CompareBlock> blocks, CompareRule rule)
    {
        var images = BlockRatios(title, blocks, rule);
        AllureSteps.AttachText($"{title}: per-block ratios", images.Svg, "image/svg+xml", "svg");
        AllureSteps.AttachBytes($"{title}: per-block ratios (PNG)", images.Png, "image/png", "png");
    }
}
