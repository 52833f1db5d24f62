using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Gate;
using Hil.Latency.Statistics;

namespace Hil.Latency.Tests;

public sealed class GateTests
{
    private const int N = 5000;
    private const int K = 10;

    [Test]
    public void Clean_runs_whose_level_varies_from_run_to_run_pass()
    {
        // Each run's level moves by ~3 % (as a host does), several times its sampling noise:
        // a within-run test alarms on such pairs; the run-level gate must not.
        var result = Evaluate(Baseline(), Clean(100), () => Clean(101));
        Assert.That(result.Decision, Is.EqualTo(GateDecision.Pass));
        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Confirm, Is.Null, "the confirm step runs only after a regression");
    }

    [Test]
    public void A_over_many_clean_runs_with_between_run_variance_alarms_rarely()
    {
        var baseline = Enumerable.Range(0, K).Select(i => Logs(Level(i))).ToList();
        var alarms = Enumerable.Range(1000, 400).Count(s => RegressionGate.Decide(baseline, Logs(Level(s)), Logs(Level(s + 5000)), GateOptions.Default));
        Assert.That(alarms, Is.LessThanOrEqualTo(4), "at most ~1 % of 400 A/A gates");
    }

    [Test]
    public void A_twenty_percent_shift_confirmed_by_a_re_measure_is_a_regression_naming_topology_and_percentiles()
    {
        var result = Evaluate(Baseline(), Clean(100, 1.2), () => Clean(101, 1.2));
        Assert.That(result.Decision, Is.EqualTo(GateDecision.Regression));
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Evidence, Does.Contain("REGRESSION in app-relay at p50, p99 (confirmed)"));
        Assert.That(result.Evidence, Does.Contain("shift function").And.Contain("Mann-Whitney").And.Contain("confirm:").And.Contain("10 runs"));
    }

    [Test]
    public void A_shift_the_re_measure_does_not_repeat_passes()
    {
        var result = Evaluate(Baseline(), Clean(100, 1.2), () => Clean(101));
        Assert.That(result.Decision, Is.EqualTo(GateDecision.Pass));
        Assert.That(result.Evidence, Does.Contain("did not hold it up"));
    }

    [Test]
    public void The_evidence_prints_durations_in_units_people_read()
    {
        var result = Evaluate(Baseline(), Clean(100, 1.2), () => Clean(101, 1.2));
        var table = result.Evidence.Split('\n').Where(l => l.TrimStart().StartsWith("p50 ", StringComparison.Ordinal) || l.Contains("per run:", StringComparison.Ordinal) || l.TrimStart().StartsWith("d1:", StringComparison.Ordinal)).ToList();
        Assert.That(table, Is.Not.Empty, "the per-run figures, the percentile rows and the shift function");
        Assert.That(table, Has.All.Match(@"\d(\.\d+)? (ns|µs|ms|s)\b"), "every figure carries its unit (DurationText), as in the report");
        Assert.That(result.Evidence, Does.Not.Contain("_ns").And.Not.Contain("(ns)"), "raw nanosecond columns are for --json");
    }

    [Test]
    public void Without_a_re_measure_a_regression_fails_closed_as_unconfirmed()
    {
        var result = Evaluate(Baseline(), Clean(100, 1.2), confirm: null);
        Assert.That(result.Decision, Is.EqualTo(GateDecision.UnconfirmedRegression));
        Assert.That(result.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void A_significant_shift_below_the_practical_bar_passes()
    {
        var tight = Enumerable.Range(0, K).Select(i => Synthetic.Run(Synthetic.LogNormal(N, 50_000, 0.3, i))).ToList();
        var current = Synthetic.Run(Synthetic.LogNormal(N, 50_000 * 1.03, 0.3, 100));
        var result = RegressionGate.Evaluate(new BaselineSet(tight, "tight"), new GateInput(current, "c"), GateOptions.Default, () => new GateInput(Synthetic.Run(Synthetic.LogNormal(N, 50_000 * 1.03, 0.3, 101)), "k"));
        var p50 = result.Current.Checks.Single(c => c.Quantile == 0.5);
        Assert.That(p50.Test.PValue, Is.LessThan(0.005), "3 % against runs that agree to ~1 % is significant");
        Assert.That(p50.Practical, Is.False);
        Assert.That(result.Decision, Is.EqualTo(GateDecision.Pass));
    }

    [Test]
    public void A_single_run_baseline_is_refused_naming_how_many_runs_are_needed()
    {
        var e = Assert.Throws<InputException>(() => RegressionGate.Evaluate(new BaselineSet([Clean(1)], "base.json"), new GateInput(Clean(2), "c"), GateOptions.Default));
        Assert.That(e!.Message, Does.Contain("holds 1 run(s)").And.Contain("at least 3").And.Contain("hil baseline save"));
    }

    [Test]
    public void A_run_of_another_size_than_the_baseline_is_refused()
    {
        var other = Synthetic.Run(Synthetic.LogNormal(N, 50_000, 0.3, 1)) with { Samples = 123 };
        var e = Assert.Throws<InputException>(() => Evaluate(Baseline(), other, null));
        Assert.That(e!.Message, Does.Contain("123 samples"));
    }

    [Test]
    public void Comparing_different_topologies_is_a_usage_error()
    {
        var other = Synthetic.Run(Synthetic.LogNormal(N, 50_000, 0.3, 2), Synthetic.Key with { Topology = "shared-ring" });
        var e = Assert.Throws<InputException>(() => Evaluate(Baseline(), other, null));
        Assert.That(e!.Message, Does.Contain("shared-ring").And.Contain("app-relay"));
    }

    [Test]
    public void Decide_agrees_with_evaluate()
    {
        var options = GateOptions.Default;
        var baseline = Baseline();
        var logs = baseline.Select(r => RunFigures.From(r, options, "b").Logs.ToArray()).ToList();
        double[] L(LatencyRun r) => [.. RunFigures.From(r, options, "x").Logs];
        Assert.That(RegressionGate.Decide(logs, L(Clean(100, 1.2)), L(Clean(101, 1.2)), options), Is.True);
        Assert.That(RegressionGate.Decide(logs, L(Clean(100)), L(Clean(101)), options), Is.False);
        Assert.That(Evaluate(baseline, Clean(100, 1.2), () => Clean(101, 1.2)).Decision, Is.EqualTo(GateDecision.Regression));
    }

    [TestCase(new[] { false, false }, null, GateDecision.Pass)]
    [TestCase(new[] { true, false }, null, GateDecision.UnconfirmedRegression)]
    [TestCase(new[] { true, false }, new[] { false, true }, GateDecision.Pass)]
    [TestCase(new[] { true, true }, new[] { false, true }, GateDecision.Regression)]
    public void The_rule_fails_only_where_the_re_measure_holds_the_same_percentile_up(bool[] current, bool[]? confirm, GateDecision decision) =>
        Assert.That(GateRule.Decide(current, confirm), Is.EqualTo(decision));

    [Test]
    [CancelAfter(30_000)]
    public async Task The_async_gate_awaits_its_re_measure_only_after_a_regression(CancellationToken ct)
    {
        var asked = 0;
        Task<GateInput> Remeasure(LatencyRun run)
        {
            asked++;
            return Task.FromResult(new GateInput(run, "confirm.json"));
        }

        var baseline = new BaselineSet(Baseline(), "baseline-set");
        var clean = await RegressionGate.EvaluateAsync(baseline, new GateInput(Clean(100), "c"), GateOptions.Default, _ => Remeasure(Clean(101)), ct);
        Assert.That((clean.Decision, asked), Is.EqualTo((GateDecision.Pass, 0)));
        var shifted = await RegressionGate.EvaluateAsync(baseline, new GateInput(Clean(100, 1.2), "c"), GateOptions.Default, _ => Remeasure(Clean(101, 1.2)), ct);
        Assert.That((shifted.Decision, asked), Is.EqualTo((GateDecision.Regression, 1)));
        Assert.That(shifted.Decision, Is.EqualTo(Evaluate(Baseline(), Clean(100, 1.2), () => Clean(101, 1.2)).Decision), "one rule, sync or async");
    }

    [Test]
    public void The_rank_bound_is_exact_for_one_and_two_judged_runs()
    {
        Assert.That(RunLevelTest.Greater([1, 2, 3, 4], [5]).RankBound, Is.EqualTo(1 / 5.0).Within(1e-12));
        Assert.That(RunLevelTest.Greater([1, 2, 3, 4], [5, 6]).RankBound, Is.EqualTo(2 / 30.0).Within(1e-12));
        Assert.That(RunLevelTest.Greater([1, 2, 3, 4], [5, 3.5]).AboveAll, Is.False);
    }

    [Test]
    public void The_detectable_shift_is_the_t_quantile_times_the_spread_of_the_baseline_runs()
    {
        // K = 5, s = 0.1581, m = 2: exp(t(4 df, 0.995) 4.6041 x 0.1581 x sqrt(1/2 + 1/5)) - 1 (by hand: 0.8387).
        var test = RunLevelTest.Greater([0, 0.1, 0.2, 0.3, 0.4], [0.5]);
        Assert.That(test.DetectableShift(0.005, 2), Is.EqualTo(0.8387).Within(0.0005));
        Assert.That(test.DetectableShift(0.05, 2), Is.LessThan(test.DetectableShift(0.005, 2)), "a larger alpha sees smaller shifts");
    }

    [Test]
    public void The_evidence_says_what_this_baseline_lets_the_gate_see()
    {
        var result = Evaluate(Baseline(), Clean(99), null);
        Assert.That(result.Evidence, Does.Contain("detectable with this baseline's spread (current + re-measure, alpha 0.005): p50 >= +"));
        Assert.That(result.Current.Check(0.5).DetectableShift, Is.GreaterThanOrEqualTo(GateOptions.Default.PracticalBar));
    }

    [Test]
    public void The_evidence_names_each_percentiles_decision_variable()
    {
        Assert.That(GateReport.Variables(GateOptions.Default), Is.EqualTo("ln(p50), ln(p99)"));
        Assert.That(GateReport.Variables(GateOptions.Default with { Normalisation = GateNormalisation.Floor }), Is.EqualTo("ln(p50 / the run's floor p50), ln(p99 / the run's floor p99)"));
    }

    private static GateResult Evaluate(IReadOnlyList<LatencyRun> baseline, LatencyRun current, Func<LatencyRun>? confirm) =>
        RegressionGate.Evaluate(new BaselineSet(baseline, "baseline-set"), new GateInput(current, "current.json"), GateOptions.Default, confirm is null ? null : () => new GateInput(confirm(), "confirm.json"));

    private static List<LatencyRun> Baseline() => [.. Enumerable.Range(0, K).Select(i => Clean(i))];

    /// <summary>A run whose whole distribution sits at a level drawn per run (sd 3 % in ln), times <paramref name="factor"/>.</summary>
    private static LatencyRun Clean(int seed, double factor = 1) =>
        Synthetic.Run(Synthetic.LogNormal(N, 50_000 * Level(seed) * factor, 0.3, seed));

    private static double Level(int seed) => Synthetic.LogNormal(1, 1_000_000, 0.03, seed + 7919)[0] / 1_000_000.0;

    /// <summary>Run-level figures without building a histogram: the level's ln at both percentiles (within-run noise ignored).</summary>
    private static double[] Logs(double level) => [Math.Log(level), Math.Log(level) + 1];
}
