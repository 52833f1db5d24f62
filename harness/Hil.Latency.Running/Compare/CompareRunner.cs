using Hil.Foundation;
using Hil.Latency.Compare;
using Hil.Session;
using Hil.Session.Backends;

namespace Hil.Latency.Running.Compare;

/// <summary>Everything a comparison measured and concluded.</summary>
public sealed record CompareResult(CompareRequest Request, CompareVerdict Verdict, IReadOnlyList<CompareBlock> Blocks, TimeSpan Elapsed);

/// <summary>
/// Runs randomized blocks (ABBA or BAAB, by the request's seed) of short bursts, each burst
/// made by <see cref="RigLatencyRunner"/> with its floor beside it, on one session per arm held
/// for the whole comparison, and asks <see cref="CompareDecider"/> after every block.
/// </summary>
public static class CompareRunner
{
    public static async Task<CompareResult> RunAsync(
        CompareRequest request, TimeProvider time, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(progress);
        request.Rule.Validate();
        var started = time.GetTimestamp();
        var options = new RigSessionOptions { Time = time };
        await using var baseline = await RigBackends.OpenSessionAsync(request.RigFor(CompareArm.Baseline), options, cancellationToken).ConfigureAwait(false);
        await using var candidate = await RigBackends.OpenSessionAsync(request.RigFor(CompareArm.Candidate), options, cancellationToken).ConfigureAwait(false);
        var random = new Random(request.Seed);
        var blocks = new List<CompareBlock>();
        var slowestBlock = TimeSpan.Zero;
        while (true)
        {
            var blockStarted = time.GetTimestamp();
            var bursts = new List<CompareBurst>();
            foreach (var arm in BlockOrder.Next(random))
            {
                var session = arm == CompareArm.Baseline ? baseline : candidate;
                bursts.Add(await BurstAsync(session, request, arm, progress, time, cancellationToken).ConfigureAwait(false));
            }

            blocks.Add(new CompareBlock(bursts));
            slowestBlock = TimeSpan.FromTicks(Math.Max(slowestBlock.Ticks, time.GetElapsedTime(blockStarted).Ticks));
            // Spent when another block would not fit: a comparison ends inside its budget, not after it.
            var spent = time.GetElapsedTime(started) + slowestBlock > request.Budget;
            var verdict = CompareDecider.Decide(blocks, request.Rule, spent);
            progress(CompareText.Progress(blocks.Count, blocks[^1], verdict));
            if (verdict.Outcome != CompareOutcome.Undecided)
            {
                return new CompareResult(request, verdict, blocks, time.GetElapsedTime(started));
            }
        }
    }

    /// <summary>
    /// One burst; a burst whose tooling failed (seen on this loaded host: hil-floor started too
    /// late for its start time) is measured again, up to <see cref="BurstAttempts"/> times in all,
    /// since a comparison of many bursts should not end on one; a product defect is never retried.
    /// </summary>
    private static async Task<CompareBurst> BurstAsync(
        RigSession session, CompareRequest request, CompareArm arm, Action<string> progress, TimeProvider time, CancellationToken cancellationToken)
    {
        var latency = LatencyRequest.For(session.Rig, request.Topology, request.Burst);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var run = await RigLatencyRunner.RunAsync(session, latency, time, cancellationToken).ConfigureAwait(false);
                var s = run.Summary;
                return new CompareBurst(arm, s.P50Ns, s.P99Ns, run.Floor?.P50Ns, run.Floor?.P99Ns);
            }
            catch (InfrastructureException e) when (attempt < BurstAttempts)
            {
                progress($"  {CompareRequest.ArmName(arm)} burst attempt {attempt} failed, measuring it again: {e.Message}");
            }
        }
    }

    private const int BurstAttempts = 3;
}
