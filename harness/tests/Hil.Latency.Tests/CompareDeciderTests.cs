using Hil.Latency.Compare;

namespace Hil.Latency.Tests;

public sealed class CompareDeciderTests
{
    private static readonly CompareRule Rule = new();

    /// <summary>The wall-time budget of the simulated comparisons: 60 blocks of <see cref="BlockTime"/>.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan BlockTime = TimeSpan.FromSeconds(5);

    [Test]
    public void Identical_arms_with_block_noise_end_same()
    {
        var blocks = Blocks(seed: 1, count: 30, shiftP50: 0, shiftP99: 0, noise: 0.02);

        var verdict = FirstVerdict(blocks);

        Assert.That(verdict.Outcome, Is.EqualTo(CompareOutcome.Same));
        Assert.That(verdict.ExitCode, Is.Zero);
        Assert.That(verdict.P50.Low, Is.LessThan(1).And.Not.LessThan(0.9));
    }

    [TestCase(0.2, 0.0, ComparePercentile.P50)]
    [TestCase(0.0, 0.2, ComparePercentile.P99)]
    public void A_shift_past_the_threshold_is_a_regression_naming_the_percentile(double p50, double p99, ComparePercentile named)
    {
        var verdict = FirstVerdict(Blocks(seed: 2, count: 20, shiftP50: p50, shiftP99: p99, noise: 0.02));

        Assert.That(verdict.Outcome, Is.EqualTo(CompareOutcome.Regression));
        Assert.That(verdict.Deciding, Is.EqualTo(named));
        Assert.That(verdict.ExitCode, Is.EqualTo(1));
        Assert.That(CompareText.Sentence("app-relay", verdict, Rule), Does.StartWith($"regression: app-relay {CompareVerdict.Name(named)} "));
    }

    [Test]
    public void A_clear_speed_up_is_an_improvement()
    {
        var verdict = FirstVerdict(Blocks(seed: 3, count: 20, shiftP50: -0.3, shiftP99: 0, noise: 0.02));

        Assert.That(verdict.Outcome, Is.EqualTo(CompareOutcome.Improvement));
        Assert.That(verdict.ExitCode, Is.Zero);
    }

    [Test]
    public void A_block_taken_while_the_host_stalled_does_not_make_a_regression()
    {
        var blocks = Blocks(seed: 8, count: 30, shiftP50: 0, shiftP99: 0, noise: 0.02);
        var stalled = blocks[5].Bursts.Select(b => b.Arm == CompareArm.Candidate ? b with { P50Ns = b.P50Ns * 40, P99Ns = b.P99Ns * 40 } : b).ToList();
        blocks[5] = blocks[5] with { Bursts = stalled };

        Assert.That(FirstVerdict(blocks).Outcome, Is.EqualTo(CompareOutcome.Same));
    }

    [Test]
    public void Nothing_is_decided_before_the_first_look_nor_between_looks()
    {
        var before = Blocks(seed: 4, count: Rule.FirstLook - 1, shiftP50: 1, shiftP99: 1, noise: 0.0);
        var between = Blocks(seed: 4, count: Rule.FirstLook + 1, shiftP50: 1, shiftP99: 1, noise: 0.0);
        var atLook = Blocks(seed: 4, count: Rule.FirstLook, shiftP50: 1, shiftP99: 1, noise: 0.0);

        Assert.That(CompareDecider.Decide(before, Rule, Budget, budgetSpent: false).Outcome, Is.EqualTo(CompareOutcome.Undecided));
        Assert.That(CompareDecider.Decide(between, Rule, Budget, budgetSpent: false).Outcome, Is.EqualTo(CompareOutcome.Undecided));
        Assert.That(CompareDecider.Decide(atLook, Rule, Budget, budgetSpent: false).Outcome, Is.EqualTo(CompareOutcome.Regression));
    }

    [Test]
    public void A_spent_budget_takes_the_next_look_due_before_it_says_unknown()
    {
        var between = Blocks(seed: 4, count: Rule.FirstLook + 2, shiftP50: 1, shiftP99: 1, noise: 0.0);

        Assert.That(Rule.LookAt(between.Count), Is.Zero, "no look due at this many blocks");
        Assert.That(CompareDecider.Decide(between, Rule, Budget, budgetSpent: false).Outcome, Is.EqualTo(CompareOutcome.Undecided));
        Assert.That(CompareDecider.Decide(between, Rule, Budget, budgetSpent: true).Outcome, Is.EqualTo(CompareOutcome.Regression));
    }

    [Test]
    public void The_looks_spend_no_more_than_the_stated_error_budget()
    {
        var looks = Enumerable.Range(1, 2000).Select(Rule.LookAt).Where(k => k > 0).ToList();

        Assert.That(looks, Is.EqualTo(Enumerable.Range(1, looks.Count)), "looks are numbered 1, 2, … in order");
        Assert.That(Rule.LookAt(Rule.FirstLook), Is.EqualTo(1));
        Assert.That(Rule.PreviousLookBefore(Rule.FirstLook), Is.Zero);
        Assert.That(Rule.PreviousLookBefore(Rule.FirstLook + 2), Is.EqualTo(Rule.FirstLook), "the second look comes at FirstLook × LookGrowth");
        foreach (var lastBlock in new[] { Rule.FirstLook, 37, 60, 61, 500 })
        {
            Assert.That(SpentOverLooks(lastBlock), Is.EqualTo(Rule.RegressionErrorBudget).Within(1e-12), $"every look up to the budget's end at block {lastBlock}, the forced last included");
        }
    }

    /// <summary>The error every look up to <paramref name="lastBlock"/> spends at <see cref="BlockTime"/> a block, the budget ending there.</summary>
    private static double SpentOverLooks(int lastBlock)
    {
        double Fraction(int blocks) => BlockTime * blocks / Budget;
        var looks = Enumerable.Range(1, lastBlock - 1).Where(n => Rule.LookAt(n) > 0).ToList();
        var spent = looks.Sum(n => CompareRule.Spent(Rule.RegressionErrorBudget, Fraction(Rule.PreviousLookBefore(n)), Fraction(n), last: false));
        return spent + CompareRule.Spent(Rule.RegressionErrorBudget, Fraction(Rule.PreviousLookBefore(lastBlock)), Fraction(lastBlock), last: true);
    }

    [Test]
    public void Identical_arms_rarely_end_in_a_regression_however_long_they_are_watched()
    {
        var regressions = Enumerable.Range(100, 200).Count(seed =>
            Looks(Blocks(seed, count: 60, shiftP50: 0, shiftP99: 0, noise: 0.3)).Any(v => v.Outcome == CompareOutcome.Regression));

        Assert.That(regressions / 200.0, Is.LessThanOrEqualTo(Rule.RegressionErrorBudget));
    }

    [Test]
    public void Noise_wider_than_the_threshold_ends_unknown_when_the_budget_is_spent_and_says_what_it_rules_out()
    {
        var blocks = Blocks(seed: 5, count: 12, shiftP50: 0.05, shiftP99: 0.05, noise: 0.5);

        var verdict = CompareDecider.Decide(blocks, Rule, Budget, budgetSpent: true);

        Assert.That(verdict.Outcome, Is.EqualTo(CompareOutcome.Unknown));
        Assert.That(verdict.ExitCode, Is.EqualTo(3));
        Assert.That(verdict.RuledOut[ComparePercentile.P50], Is.GreaterThan(0.1));
        Assert.That(CompareText.Sentence("one-process", verdict, Rule), Does.Contain("rule out a p50 shift above +"));
    }

    [Test]
    public void The_reported_interval_is_narrower_than_the_one_decided_on()
    {
        var blocks = Blocks(seed: 6, count: 16, shiftP50: 0.0, shiftP99: 0.0, noise: 0.05);

        var verdict = CompareDecider.Decide(blocks, Rule, Budget, budgetSpent: false);

        var decisionHalfWidth = Math.Log(1 + verdict.DetectableShift[ComparePercentile.P50]) - Rule.Boundary;
        Assert.That(Math.Log(verdict.P50.High) - Math.Log(verdict.P50.Ratio), Is.LessThan(decisionHalfWidth));
    }

    [Test]
    public void A_block_ratio_averages_each_arms_bursts_in_ln()
    {
        var block = new CompareBlock([
            new CompareBurst(CompareArm.Baseline, 100, 1000), new CompareBurst(CompareArm.Candidate, 110, 1000),
            new CompareBurst(CompareArm.Candidate, 121, 1000), new CompareBurst(CompareArm.Baseline, 110, 1000),
        ]);

        Assert.That(block.LnRatio(ComparePercentile.P50), Is.EqualTo(Math.Log(1.1)).Within(1e-9));
        Assert.That(block.WithCandidateExtraNs(10).LnRatio(ComparePercentile.P99), Is.GreaterThan(0));
    }

    [Test]
    public void Identical_arms_whose_p99_swings_far_wider_than_p50_end_same()
    {
        var blocks = Blocks(seed: 10, count: 40, shiftP50: 0, shiftP99: 0, noise: 0.02, noiseP99: 0.12);

        var verdict = FirstVerdict(blocks);

        Assert.That(verdict.Outcome, Is.EqualTo(CompareOutcome.Same), "p99 need only be shown below +T, p50 below +T/2");
    }

    [Test]
    public void Same_needs_p50_below_half_the_threshold_and_p99_below_the_threshold()
    {
        Assert.That(Rule.SameBoundary(ComparePercentile.P50), Is.EqualTo(Math.Log(1.05)).Within(1e-12));
        Assert.That(Rule.SameBoundary(ComparePercentile.P99), Is.EqualTo(Math.Log(1.10)).Within(1e-12));
        Assert.That(ErrorBudgetJson.Of(Rule).SameBelowPct!["p99"], Is.EqualTo(10).Within(1e-9));
    }

    [Test]
    public void A_p99_shift_of_the_threshold_rarely_ends_same_however_long_it_is_watched()
    {
        var same = Enumerable.Range(400, 200).Count(seed =>
            Looks(Blocks(seed, count: 60, shiftP50: 0, shiftP99: 0.10, noise: 0.01, noiseP99: 0.3)).Any(v => v.Outcome == CompareOutcome.Same));

        Assert.That(same / 200.0, Is.LessThanOrEqualTo(Rule.SameErrorBudget));
    }

    [TestCase(12, 0.005, 8)]
    [TestCase(12, 0.025, 14)]
    [TestCase(20, 0.01, 44)]
    [TestCase(9, 0.002, 1)]
    [TestCase(8, 0.003, 0)]
    public void Signed_rank_bounds_are_exact_for_small_counts(int n, double alpha, int rank)
    {
        // Published critical values of W+ (one-sided): n 12: 7 at 0.5 %, 13 at 2.5 %; n 20: 43 at 1 %; n 9: 0 at 0.2 % (2^-9).
        Assert.That(SignedRank.BoundRank(n, alpha), Is.EqualTo(rank));
    }

    [Test]
    public void Signed_rank_bounds_past_the_exact_range_follow_the_normal_approximation()
    {
        var n = SignedRank.ExactUpTo;
        var exact = SignedRank.BoundRank(n, 0.003);
        var normal = SignedRank.BoundRank(n + 1, 0.003);

        Assert.That(normal, Is.GreaterThan(exact).And.LessThan(exact + (n * 2)), "one more block moves the rank by about n/2, not by a jump");
    }

    [Test]
    public void Block_orders_are_ABBA_or_BAAB_and_both_occur()
    {
        var random = new Random(7);
        var orders = Enumerable.Range(0, 50).Select(_ => string.Concat(BlockOrder.Next(random).Select(a => a == CompareArm.Baseline ? 'A' : 'B'))).ToHashSet();

        Assert.That(orders, Is.EquivalentTo(new[] { "ABBA", "BAAB" }));
    }

    [Test]
    public void A_block_of_two_quads_alternates_both_arms_four_times_each()
    {
        var order = BlockOrder.Next(new Random(9), quads: 2);

        Assert.That(order, Has.Count.EqualTo(8));
        Assert.That(order.Take(4).Count(a => a == CompareArm.Baseline), Is.EqualTo(2));
        Assert.That(order.Skip(4).Count(a => a == CompareArm.Baseline), Is.EqualTo(2));
    }

    /// <summary>The verdict at every look without a budget, past any verdict: a rule watched for ever.</summary>
    private static IEnumerable<CompareVerdict> Looks(IReadOnlyList<CompareBlock> blocks) =>
        Enumerable.Range(1, blocks.Count).Where(n => Rule.LookAt(n) > 0).Select(n => CompareDecider.Decide(blocks.Take(n).ToList(), Rule, Budget, budgetSpent: false));

    private static CompareVerdict FirstVerdict(IReadOnlyList<CompareBlock> blocks)
    {
        for (var n = 1; n <= blocks.Count; n++)
        {
            var verdict = CompareDecider.Decide(blocks.Take(n).ToList(), Rule, Budget, budgetSpent: n == blocks.Count);
            if (verdict.Outcome != CompareOutcome.Undecided)
            {
                return verdict;
            }
        }

        throw new AssertionException("no verdict");
    }

    /// <summary>Blocks whose host drifts block to block (cancelled by pairing) with per-burst ln noise.</summary>
    private static List<CompareBlock> Blocks(int seed, int count, double shiftP50, double shiftP99, double noise, double? noiseP99 = null)
    {
        var random = new Random(seed);
        double Noise() => noise * ((random.NextDouble() * 2) - 1);
        double NoiseP99() => (noiseP99 ?? noise) * ((random.NextDouble() * 2) - 1);
        return Enumerable.Range(0, count).Select(i =>
        {
            var drift = random.NextDouble() * 2;
            return new CompareBlock(BlockOrder.Next(random).Select(arm =>
            {
                var c = arm == CompareArm.Candidate;
                return new CompareBurst(arm,
                    (long)(50_000 * Math.Exp(drift + (c ? Math.Log(1 + shiftP50) : 0) + Noise())),
                    (long)(200_000 * Math.Exp(drift + (c ? Math.Log(1 + shiftP99) : 0) + NoiseP99())));
            }).ToList()) { Ended = BlockTime * (i + 1) };
        }).ToList();
    }
}
