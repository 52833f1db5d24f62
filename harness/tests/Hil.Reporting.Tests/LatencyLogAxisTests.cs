using ScottPlot;
using ScottPlot.Plottables;

namespace Hil.Reporting.Tests;

/// <summary>The percentile plot's latency axis is logarithmic and labelled in ns/µs/ms, so the floor and p50 do not sit on zero.</summary>
public sealed class LatencyLogAxisTests
{
    [Test]
    public void Latency_is_plotted_as_log10_of_nanoseconds()
    {
        var plot = LatencyPlots.PercentilePlot(PlotTests.Sample());

        var floor = plot.GetPlottables().OfType<Scatter>().Single(s => s.LegendText.StartsWith("one-process floor", StringComparison.Ordinal));
        var p50 = floor.Data.GetScatterPoints().Single(p => Math.Abs(p.X - NinesAxis.ToX(0.5, 60_000)) < 1e-9);

        // The sample's one-process floor at q = 0.5: 900 ns + 90 ns × ln 2.
        Assert.That(p50.Y, Is.EqualTo(Math.Log10(900 + (90 * Math.Log(2)))).Within(1e-9));
    }

    [Test]
    public void The_latency_axis_is_labelled_in_durations_at_its_log_positions()
    {
        var plot = LatencyPlots.PercentilePlot(PlotTests.Sample());
        plot.RenderInMemory(900, 540); // ticks are laid out when the plot is drawn

        var labelled = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).ToDictionary(t => t.Label, t => t.Position);

        Assert.Multiple(() =>
        {
            Assert.That(labelled.Keys, Is.SupersetOf(new[] { "1 µs", "2 µs", "5 µs", "10 µs", "100 µs" }));
            Assert.That(labelled["10 µs"], Is.EqualTo(4).Within(1e-9));
            Assert.That(labelled["1 µs"], Is.EqualTo(3).Within(1e-9));
            Assert.That(plot.Axes.Left.Label.Text, Does.Contain("log"));
        });
    }

    [Test]
    public void Ticks_label_decades_always_and_more_when_the_data_span_little()
    {
        var wide = LatencyLogAxis.Ticks(80, 9_000_000);
        var narrow = LatencyLogAxis.Ticks(38_000, 90_000);

        Assert.Multiple(() =>
        {
            Assert.That(wide.Where(t => t.Label is not null).Select(t => t.Label).ToArray(), Is.EqualTo(new[] { "100 ns", "1 µs", "10 µs", "100 µs", "1 ms", "10 ms" }));
            Assert.That(wide.Where(t => t.Label is null), Is.Not.Empty, "minor ticks mark 2–9 × 10^k");
            Assert.That(narrow.Where(t => t.Label is not null).Select(t => t.Label).ToArray(), Is.EqualTo(new[] { "40 µs", "50 µs", "60 µs", "70 µs", "80 µs", "90 µs", "100 µs" }));
        });
    }

    [Test]
    public void A_zero_latency_stays_on_the_axis() =>
        Assert.That(LatencyLogAxis.ToY(0), Is.EqualTo(0));
}
