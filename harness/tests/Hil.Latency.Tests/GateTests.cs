using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Gate;

namespace Hil.Latency.Tests;

public sealed class GateTests
{
    private const int N = 20_000;

    [Test]
    public void Two_runs_of_one_distribution_pass()
    {
        var result = Evaluate(Clean(1), Clean(2), () => Clean(3));
        Assert.That(result.Decision, Is.EqualTo(GateDecision.Pass));
        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Confirm, Is.Null, "the confirm step runs only after a regression");
    }

    [Test]
    public void A_twenty_percent_shift_confirmed_by_a_re_measure_is_a_regression_naming_topology_and_percentiles()
    {
        var result = Evaluate(Clean(1), Shifted(2, 0.2), () => Shifted(3, 0.2));
        Assert.That(result.Decision, Is.EqualTo(GateDecision.Regression));
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Evidence, Does.Contain("REGRESSION in app-relay at p50, p99 (confirmed)"));
        Assert.That(result.Evidence, Does.Contain("shift function").And.Contain("Mann-Whitney").And.Contain("confirm:"));
    }

    [Test]
    public void A_shift_the_re_measure_does_not_repeat_passes()
    {
        var result = Evaluate(Clean(1), Shifted(2, 0.2), () => Clean(3));
        Assert.That(result.Decision, Is.EqualTo(GateDecision.Pass));
        Assert.That(result.Evidence, Does.Contain("did not repeat it"));
    }

    [Test]
    public void Without_a_re_measure_a_regression_fails_closed_as_unconfirmed()
    {
        var result = Evaluate(Clean(1), Shifted(2, 0.2), confirm: null);
        Assert.That(result.Decision, Is.EqualTo(GateDecision.UnconfirmedRegression));
        Assert.That(result.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void A_significant_shift_below_the_practical_bar_passes()
    {
        var result = Evaluate(Clean(1), Shifted(2, 0.02), () => Shifted(3, 0.02));
        var p50 = result.Current.Checks.Single(c => c.Quantile == 0.5);
        Assert.That(p50.Significant, Is.True, "2 % on 20k samples is detectable");
        Assert.That(p50.Practical, Is.False);
        Assert.That(result.Decision, Is.EqualTo(GateDecision.Pass));
    }

    [Test]
    public void A_large_shift_on_too_few_samples_is_not_significant()
    {
        var baseline = Synthetic.Run(Synthetic.LogNormal(20, 50_000, 0.5, 1));
        var current = Synthetic.Run(Synthetic.LogNormal(20, 50_000, 0.5, 2).Select(v => v * 13 / 10).ToArray());
        var result = RegressionGate.Evaluate(new(baseline, "b"), new(current, "c"), GateOptions.Default);
        Assert.That(result.Current.Checks.All(c => !c.Significant), Is.True);
        Assert.That(result.Decision, Is.EqualTo(GateDecision.Pass));
    }

    [Test]
    public void Comparing_different_topologies_is_a_usage_error()
    {
        var other = Synthetic.Run(Synthetic.LogNormal(N, 50_000, 0.3, 2), Synthetic.Key with { Topology = "shared-ring" });
        var e = Assert.Throws<InputException>(() => RegressionGate.Evaluate(new(Clean(1), "base.json"), new(other, "cur.json"), GateOptions.Default));
        Assert.That(e!.Message, Does.Contain("shared-ring").And.Contain("app-relay"));
    }

    [Test]
    public void Decide_agrees_with_evaluate()
    {
        var (b, c, k) = (Clean(1), Shifted(2, 0.2), Shifted(3, 0.2));
        Assert.That(RegressionGate.Decide(b, c, k, GateOptions.Default), Is.True);
        Assert.That(RegressionGate.Decide(b, Clean(4), Clean(5), GateOptions.Default), Is.False);
    }

    private static GateResult Evaluate(LatencyRun baseline, LatencyRun current, Func<LatencyRun>? confirm) =>
        RegressionGate.Evaluate(new(baseline, "baseline.json"), new(current, "current.json"), GateOptions.Default, confirm is null ? null : () => new GateInput(confirm(), "confirm.json"));

    private static LatencyRun Clean(int seed) => Synthetic.Run(Synthetic.LogNormal(N, 50_000, 0.3, seed));

    /// <summary>Every latency grows by <paramref name="fraction"/> of itself: p50 and p99 both move by that fraction.</summary>
    private static LatencyRun Shifted(int seed, double fraction) =>
        Synthetic.Run(Synthetic.LogNormal(N, 50_000, 0.3, seed).Select(v => (long)(v * (1 + fraction))).ToArray());
}
