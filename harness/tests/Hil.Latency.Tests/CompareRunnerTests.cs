using Hil.Foundation;
using Hil.Latency.Compare;
using Hil.Latency.Running.Compare;
using Hil.Rigs;
using Hil.UserClients.Probe;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Latency.Tests;

/// <summary>CompareRunner's orchestration on fake arms whose host drifts: no rig, no measuring.</summary>
public sealed class CompareRunnerTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task The_same_build_as_both_arms_stops_early_at_same_despite_host_drift(CancellationToken ct)
    {
        var (result, host) = await RunAsync(candidateShift: 0, noise: 0.02, budget: TimeSpan.FromMinutes(5), ct);

        Assert.That(result.Verdict.Outcome, Is.EqualTo(CompareOutcome.Same), CompareText.Sentence("app-relay", result.Verdict, result.Request.Rule));
        Assert.That(result.Verdict.ExitCode, Is.Zero);
        Assert.That(result.Elapsed, Is.LessThan(TimeSpan.FromMinutes(1)), "decided at an early look, well inside the budget");
        Assert.That(host.DriftRange, Is.GreaterThan(0.5), "the host drifted by far more than the threshold, and pairing cancelled it");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_slower_candidate_stops_early_at_a_regression_naming_p50(CancellationToken ct)
    {
        var (result, _) = await RunAsync(candidateShift: 0.2, noise: 0.02, budget: TimeSpan.FromMinutes(5), ct);

        Assert.That(result.Verdict.Outcome, Is.EqualTo(CompareOutcome.Regression));
        Assert.That(result.Verdict.Deciding, Is.EqualTo(ComparePercentile.P50));
        Assert.That(result.Verdict.ExitCode, Is.EqualTo(1));
        Assert.That(result.Blocks, Has.Count.EqualTo(result.Request.Rule.FirstLook));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Noise_wider_than_the_threshold_ends_unknown_inside_the_budget(CancellationToken ct)
    {
        var budget = TimeSpan.FromSeconds(40);

        var (result, _) = await RunAsync(candidateShift: 0.05, noise: 1.0, budget, ct);

        Assert.That(result.Verdict.Outcome, Is.EqualTo(CompareOutcome.Unknown));
        Assert.That(result.Verdict.ExitCode, Is.EqualTo(3));
        Assert.That(result.Elapsed, Is.LessThanOrEqualTo(budget));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Alternating_blocks_run_the_arms_one_at_a_time_in_randomized_quads(CancellationToken ct)
    {
        var (result, host) = await RunAsync(candidateShift: 0.2, noise: 0.02, budget: TimeSpan.FromMinutes(5), ct, schedule: CompareSchedule.Alternate);

        var orders = result.Blocks.Select(b => string.Concat(b.Bursts.Select(x => x.Arm == CompareArm.Baseline ? 'A' : 'B'))).ToList();
        Assert.That(orders, Has.All.Length.EqualTo(4 * result.Request.QuadsPerBlock));
        Assert.That(orders.SelectMany(o => o.Chunk(4).Select(q => new string(q))).Distinct(), Is.EquivalentTo(new[] { "ABBA", "BAAB" }));
        Assert.That(host.Order, Is.EqualTo(string.Concat(orders)), "bursts ran in the order the blocks record");
        Assert.That(host.MostAtOnce, Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Blocks_run_together_by_default_both_arms_at_once(CancellationToken ct)
    {
        var (result, host) = await RunAsync(candidateShift: 0.2, noise: 0.02, budget: TimeSpan.FromMinutes(5), ct);

        Assert.That(result.Request.Schedule, Is.EqualTo(CompareSchedule.Together));
        Assert.That(host.MostAtOnce, Is.EqualTo(2), "each pair of bursts overlaps");
        Assert.That(result.Blocks.Select(b => b.Bursts.Count(x => x.Arm == CompareArm.Baseline)), Has.All.EqualTo(2 * result.Request.QuadsPerBlock));
        Assert.That(result.Verdict.Outcome, Is.EqualTo(CompareOutcome.Regression));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_burst_whose_tooling_failed_is_measured_again(CancellationToken ct)
    {
        var progress = new List<string>();
        var (result, _) = await RunAsync(candidateShift: 0.2, noise: 0.02, budget: TimeSpan.FromMinutes(5), ct, failFirst: 2, progress: progress);

        Assert.That(result.Verdict.Outcome, Is.EqualTo(CompareOutcome.Regression));
        Assert.That(progress.Count(l => l.Contains("burst attempt", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_burst_failing_every_attempt_ends_the_comparison_and_a_defect_is_never_retried(CancellationToken ct)
    {
        // One at a time, so the failures all land on the first burst.
        await Assert.ThrowsAsync<InfrastructureException>(() => RunAsync(0, 0.02, TimeSpan.FromMinutes(5), ct, failFirst: CompareRunner.BurstAttempts, schedule: CompareSchedule.Alternate));
        await Assert.ThrowsAsync<ProductDefectException>(() => RunAsync(0, 0.02, TimeSpan.FromMinutes(5), ct, failFirst: 1, defect: true));
    }

    private static async Task<(CompareResult Result, FakeHost Host)> RunAsync(
        double candidateShift, double noise, TimeSpan budget, CancellationToken ct, int failFirst = 0, bool defect = false, List<string>? progress = null,
        CompareSchedule schedule = CompareRequest.DefaultSchedule)
    {
        var host = new FakeHost(noise, failFirst, defect);
        var request = new CompareRequest(Rig(), Topology.AppRelay, Build("base"), Build("cand")) { Budget = budget, Seed = 3, Schedule = schedule };
        await using var baseline = new FakeArm(host, CompareArm.Baseline, 0);
        await using var candidate = new FakeArm(host, CompareArm.Candidate, candidateShift);
        var result = await CompareRunner.RunAsync(request, baseline, candidate, host.Time, line => progress?.Add(line), ct);
        return (result, host);
    }

    /// <summary>The repository's sim rig: the runner only asks it for the rig's name and host.</summary>
    private static RigSpec Rig() => RigFile.Load(Path.Combine(RepositoryRoot.Find(), "rigs", "sim.yaml"));

    private static DextBuild Build(string name) => new($"/builds/{name}", $"com.example.{name}", "", 0, "unknown", "2026-01-01T00:00:00Z");

    /// <summary>The host both arms share: a slow drift of the latency level, burst noise, time passing per burst.</summary>
    private sealed class FakeHost(double noise, int failFirst, bool defect)
    {
        private readonly Random random = new(17);
        private int failures;
        private double minDrift = double.MaxValue;
        private double maxDrift = double.MinValue;

        public FakeTimeProvider Time { get; } = new();

        public string Order { get; private set; } = "";

        public double DriftRange => maxDrift - minDrift;

        private readonly Lock gate = new();
        private int atOnce;
        private int mostAtOnce;

        public int MostAtOnce => mostAtOnce;

        public void Enter()
        {
            var now = Interlocked.Increment(ref atOnce);
            lock (gate)
            {
                mostAtOnce = Math.Max(mostAtOnce, now);
            }
        }

        public void Leave() => Interlocked.Decrement(ref atOnce);

        /// <summary>One burst at a time through the host's state (two may be in flight, their figures are drawn in turn).</summary>
        public CompareBurst Burst(CompareArm arm, double shift)
        {
            lock (gate)
            {
                return Draw(arm, shift);
            }
        }

        private CompareBurst Draw(CompareArm arm, double shift)
        {
            if (failures < failFirst)
            {
                failures++;
                throw defect ? new ProductDefectException("Driver2 lost a message") : new InfrastructureException("hil-floor started too late");
            }

            Time.Advance(TimeSpan.FromMilliseconds(350));
            var drift = 1.0 * Math.Sin(Time.GetUtcNow().ToUnixTimeMilliseconds() / 10_000.0);
            (minDrift, maxDrift) = (Math.Min(minDrift, drift), Math.Max(maxDrift, drift));
            Order += arm == CompareArm.Baseline ? 'A' : 'B';
            double Level(double ns) => ns * Math.Exp(drift + shift + (noise * ((random.NextDouble() * 2) - 1)));
            return new CompareBurst(arm, (long)Level(60_000), (long)Level(400_000));
        }
    }

    private sealed class FakeArm(FakeHost host, CompareArm arm, double shift) : ICompareArm
    {
        /// <summary>Yields mid-burst, so a burst started beside it overlaps it.</summary>
        public async Task<CompareBurst> BurstAsync(CancellationToken cancellationToken)
        {
            host.Enter();
            try
            {
                await Task.Yield();
                return host.Burst(arm, Math.Log(1 + shift));
            }
            finally
            {
                host.Leave();
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
