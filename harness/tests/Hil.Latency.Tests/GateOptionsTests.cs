using Hil.Foundation;
using Hil.Latency.Gate;

namespace Hil.Latency.Tests;

/// <summary>A NaN alpha or threshold makes every comparison false and passes any regression: such options cannot exist.</summary>
public sealed class GateOptionsTests
{
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    [TestCase(-1.0)]
    [TestCase(0.0)]
    [TestCase(1.0)]
    public void An_alpha_outside_0_to_1_cannot_be_set(double alpha)
    {
        var e = Assert.Throws<InputException>(() => _ = GateOptions.Default with { Alpha = alpha });
        Assert.That(e!.Message, Does.StartWith("--alpha ").And.Contain("greater than 0 and less than 1"));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(-1.0)]
    [TestCase(0.0)]
    [TestCase(GateOptions.MaxThresholdPercent + 1)]
    public void A_threshold_outside_its_range_cannot_be_set(double threshold)
    {
        var e = Assert.Throws<InputException>(() => _ = GateOptions.Default with { ThresholdPercent = threshold });
        Assert.That(e!.Message, Does.StartWith("--threshold ").And.Contain("greater than 0 and at most 1000"));
    }

    [Test]
    public void The_other_knobs_are_guarded_too()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<InputException>(() => _ = GateOptions.Default with { PracticalMargin = double.NaN });
            Assert.Throws<InputException>(() => _ = GateOptions.Default with { Percentiles = [0.5, double.NaN] });
            Assert.Throws<InputException>(() => _ = GateOptions.Default with { Percentiles = [] });
            Assert.Throws<InputException>(() => _ = GateOptions.Default with { MinBaselineRuns = 1 });
        });
    }

    [Test]
    public void Good_values_are_kept() =>
        Assert.That(GateOptions.Default with { Alpha = 0.01, ThresholdPercent = 25 }, Has.Property("Alpha").EqualTo(0.01).And.Property("ThresholdPercent").EqualTo(25));
}
