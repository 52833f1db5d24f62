using System.Xml.Linq;
using SkiaSharp;

namespace Hil.Reporting.Tests;

public class PlotTests
{
    internal static readonly double[] Quantiles = [0, 0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9999, 1];

    internal static LatencyMeasurement Sample()
    {
        // Synthetic exponential-tailed curves: what the shape is does not matter, that it renders does.
        static PercentileSeries Curve(string topology, double baseNs, double tailNs, bool floor = false) =>
            new(topology, [.. Quantiles.Select(q => (q, baseNs + (tailNs * -Math.Log(Math.Max(1e-5, 1 - q)))))], 60_000, floor);
        var appRelay = Curve("app-relay", 38_000, 9_000);
        return new LatencyMeasurement("one-way latency", "sim-default", "ci-host",
            [appRelay, Curve("app-relay", 21_000, 2_000, floor: true), Curve("one-process", 4_000, 700), Curve("one-process", 900, 90, floor: true)])
        {
            Histogram = [.. Enumerable.Range(0, 40).Select(i => new HistogramBucket(38_000 + (i * 1_000), 39_000 + (i * 1_000), (long)(6_000 * Math.Exp(-i / 6.0))))],
            ShiftAgainstBaseline = [.. Enumerable.Range(1, 9).Select(d => new ShiftPoint(d / 10.0, 300 * d, (300 * d) - 400, (300 * d) + 400))],
            RawHistogramLog = "#[StartTime: 0]\nHISTFAAAA...",
        };
    }

    [Test]
    public void NinesAxisPutsEachNineOneUnitFurther()
    {
        Assert.Multiple(() =>
        {
            Assert.That(NinesAxis.ToX(0.9, 1000), Is.EqualTo(1).Within(1e-9));
            Assert.That(NinesAxis.ToX(0.999, 100_000), Is.EqualTo(3).Within(1e-9));
            Assert.That(NinesAxis.ToX(1, 100_000), Is.EqualTo(5).Within(1e-9), "the maximum sits at the data's resolution");
            Assert.That(NinesAxis.Ticks(3).Select(t => t.Label), Is.EqualTo(new[] { "0%", "90%", "99%", "99.9%" }));
            Assert.That(() => NinesAxis.ToX(1.5, 10), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("[0, 1]"));
        });
    }

    [Test]
    public void PercentilePlotRendersEveryTopologyAndFloorAsSvgAndPng()
    {
        var images = LatencyPlots.Percentiles(Sample());
        var svg = XDocument.Parse(images.Svg);
        Assert.Multiple(() =>
        {
            Assert.That(svg.Root!.Name.LocalName, Is.EqualTo("svg"));
            Assert.That(images.Svg, Does.Contain("app-relay (n=60000)").And.Contain("one-process floor (n=60000)").And.Contain("99.9%"));
            Assert.That(images.Svg, Does.Contain("rig sim-default, host ci-host"));
            AssertDrawnPng(images.Png);
        });
    }

    [Test]
    public void HistogramAndShiftFunctionRender()
    {
        var measurement = Sample();
        Assert.Multiple(() =>
        {
            AssertDrawnPng(LatencyPlots.Histogram(measurement).Png);
            AssertDrawnPng(LatencyPlots.ShiftFunction(measurement).Png);
            Assert.That(LatencyPlots.ShiftFunction(measurement).Svg, Does.Contain("current − baseline"));
        });
    }

    [Test]
    public void APercentilePlotDrawsTheBudgetsItIsGivenAndKeepsThemInView()
    {
        var measurement = Sample() with { Limits = [new("budget p99: 10 ms", 10_000_000, false), new("marginal p99: 5 ms", 5_000_000, true)] };
        var plot = LatencyPlots.PercentilePlot(measurement);
        Assert.Multiple(() =>
        {
            Assert.That(LatencyPlots.Percentiles(measurement).Svg, Does.Contain("budget p99: 10 ms").And.Contain("marginal p99: 5 ms"));
            Assert.That(plot.Axes.GetLimits().Top, Is.GreaterThanOrEqualTo(LatencyLogAxis.ToY(10_000_000)), "the limit is inside the y range");
        });
    }

    [Test]
    public void ShiftFromPercentilesIsCurrentMinusBaselineAtSharedQuantiles()
    {
        var baseline = new PercentileSeries("app-relay", [(0.5, 100), (0.9, 200)], 10);
        var current = new PercentileSeries("app-relay", [(0.5, 130), (0.9, 180), (0.99, 900)], 10);
        Assert.That(ShiftPoint.Between(baseline, current), Is.EqualTo(new[] { new ShiftPoint(0.5, 30), new ShiftPoint(0.9, -20) }));
    }

    [Test]
    public void CsvHasOneRowPerSeriesAndQuantile()
    {
        var csv = LatencyAttachments.PercentileCsv(Sample().Series).TrimEnd('\n').Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(csv[0], Is.EqualTo("series,kind,samples,quantile,nines,latency_ns"));
            Assert.That(csv, Has.Length.EqualTo(1 + (4 * Quantiles.Length)));
            Assert.That(csv[1], Does.StartWith("app-relay,measured,60000,0,0,"));
        });
    }

    private static void AssertDrawnPng(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        Assert.That(bitmap, Is.Not.Null, "PNG decodes");
        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 7)
        {
            for (var x = 0; x < bitmap.Width; x += 7)
            {
                colours.Add((uint)bitmap.GetPixel(x, y));
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((900, 540)));
            Assert.That(colours, Has.Count.GreaterThan(5), "something was drawn, not a blank canvas");
        });
    }
}
