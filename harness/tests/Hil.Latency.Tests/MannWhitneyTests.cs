using Hil.Latency.Statistics;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;

namespace Hil.Latency.Tests;

public sealed class MannWhitneyTests
{
    [TestCase(30, 0.0)]
    [TestCase(300, 0.0)]
    [TestCase(300, 0.1)]
    public void Agrees_with_Perfolizer_where_Perfolizer_is_right(int n, double shift)
    {
        var x = Synthetic.LogNormal(n, 1000, 0.3, 1).Select(v => v * (1 + shift)).ToArray();
        var y = Synthetic.LogNormal(n, 1000, 0.3, 2).Select(v => (double)v).ToArray();
        var theirs = MannWhitneyTest.Instance.PerformStrategy(new Sample(x), new Sample(y), AlternativeHypothesis.Greater, Threshold.Zero, MannWhitneyStrategy.NormalApprox).PValue.Value;
        Assert.That(MannWhitney.PGreater(x, y), Is.EqualTo(theirs).Within(0.01));
    }

    [Test]
    public void Stays_calibrated_at_latency_sized_samples()
    {
        var x = Synthetic.LogNormal(8192, 1000, 0.3, 1).Select(v => (double)v).ToArray();
        var y = Synthetic.LogNormal(8192, 1000, 0.3, 2).Select(v => (double)v).ToArray();
        Assert.That(MannWhitney.PTwoSided(x, y), Is.GreaterThan(0.001));
        Assert.That(MannWhitney.PGreater(x.Select(v => v * 1.05).ToArray(), y), Is.LessThan(1e-6));
    }

    [Test]
    public void Ties_are_handled_with_mid_ranks()
    {
        double[] x = [1, 1, 1, 1, 1, 1, 1, 1];
        Assert.That(MannWhitney.PGreater(x, x), Is.EqualTo(0.5));
    }
}
