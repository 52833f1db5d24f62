using Hil.Foundation;
using Hil.Foundation.Processes;
using Hil.Latency.Compare;

namespace Hil.Latency.Running.Compare;

/// <summary>Everything a comparison measured and concluded.</summary>
public sealed record CompareResult(CompareRequest Request, CompareVerdict Verdict, IReadOnlyList<CompareBlock> Blocks, TimeSpan Elapsed);

/// <summary>
/// Runs a comparison as a duet: both arms live for the whole of it (<see cref="ICompareArm"/>),
/// their short bursts in blocks of randomized ABBA/BAAB quads, either both at once (the default:
/// a host stall lands on both arms' messages; measured here it halved the blocks' spread and
/// doubled the blocks per second, benchmarks/compare-calibration.md) or one after the other,
/// so the host's drift hits both arms alike; <see cref="CompareDecider"/> is asked after every block.
/// </summary>
public static class CompareRunner
{
    /// <summary>Opens both arms on the request's rig, the baseline first, and compares them.</summary>
    public static async Task<CompareResult> RunAsync(
        CompareRequest request, TimeProvider time, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Rule.Validate();
        // Not `await using`: an arm whose shutdown fails must not throw over the comparison's own error.
        var baseline = await RigCompareArm.OpenAsync(request, CompareArm.Baseline, time, progress, cancellationToken).ConfigureAwait(false);
        return await ShutdownScope.RunAsync(baseline, async () =>
        {
            var candidate = await RigCompareArm.OpenAsync(request, CompareArm.Candidate, time, progress, cancellationToken).ConfigureAwait(false);
            return await ShutdownScope.RunAsync(candidate, () => RunAsync(request, baseline, candidate, time, progress, cancellationToken), progress).ConfigureAwait(false);
        }, progress).ConfigureAwait(false);
    }

    /// <summary>Compares two arms the caller opened (and disposes).</summary>
    public static async Task<CompareResult> RunAsync(
        CompareRequest request, ICompareArm baseline, ICompareArm candidate, TimeProvider time, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(progress);
        request.Rule.Validate();
        var started = time.GetTimestamp();
        var random = new Random(request.Seed);
        var blocks = new List<CompareBlock>();
        var slowestBlock = TimeSpan.Zero;
        while (true)
        {
            var blockStarted = time.GetTimestamp();
            var order = BlockOrder.Next(random, request.QuadsPerBlock);
            var bursts = request.Schedule == CompareSchedule.Together
                ? await TogetherAsync(order, baseline, candidate, progress, cancellationToken).ConfigureAwait(false)
                : await AlternateAsync(order, baseline, candidate, progress, cancellationToken).ConfigureAwait(false);
            blocks.Add(new CompareBlock(bursts) { Ended = time.GetElapsedTime(started) });
            slowestBlock = TimeSpan.FromTicks(Math.Max(slowestBlock.Ticks, time.GetElapsedTime(blockStarted).Ticks));
            // Spent when another block would not fit: a comparison ends inside its budget, not after it.
            var spent = blocks[^1].Ended + slowestBlock > request.Budget;
            var verdict = CompareDecider.Decide(blocks, request.Rule, request.Budget, spent);
            progress(CompareText.Progress(blocks.Count, blocks[^1], verdict));
            if (verdict.Outcome != CompareOutcome.Undecided)
            {
                return new CompareResult(request, verdict, blocks, time.GetElapsedTime(started));
            }
        }
    }

    private static async Task<List<CompareBurst>> AlternateAsync(
        IReadOnlyList<CompareArm> order, ICompareArm baseline, ICompareArm candidate, Action<string> progress, CancellationToken cancellationToken)
    {
        var bursts = new List<CompareBurst>();
        foreach (var arm in order)
        {
            bursts.Add(await BurstAsync(arm == CompareArm.Baseline ? baseline : candidate, arm, progress, cancellationToken).ConfigureAwait(false));
        }

        return bursts;
    }

    /// <summary>Both arms at once, each pair of the order's slots started together; the order only says which is started first.</summary>
    private static async Task<List<CompareBurst>> TogetherAsync(
        IReadOnlyList<CompareArm> order, ICompareArm baseline, ICompareArm candidate, Action<string> progress, CancellationToken cancellationToken)
    {
        var bursts = new List<CompareBurst>();
        foreach (var pair in order.Chunk(2))
        {
            var both = await Task.WhenAll(pair.Select(arm => BurstAsync(arm == CompareArm.Baseline ? baseline : candidate, arm, progress, cancellationToken))).ConfigureAwait(false);
            bursts.AddRange(both);
        }

        return bursts;
    }

    /// <summary>
    /// One burst; a burst whose tooling failed (seen on this loaded host: hil-floor started too
    /// late for its start time) is measured again, up to <see cref="BurstAttempts"/> times in all,
    /// since a comparison of many bursts should not end on one; a product defect is never retried.
    /// </summary>
    private static async Task<CompareBurst> BurstAsync(ICompareArm side, CompareArm arm, Action<string> progress, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var burst = await side.BurstAsync(cancellationToken).ConfigureAwait(false);
                return burst.Arm == arm ? burst : throw new InvalidOperationException($"the {CompareRequest.ArmName(arm)} arm returned a {CompareRequest.ArmName(burst.Arm)} burst");
            }
            catch (InfrastructureException e) when (attempt < BurstAttempts)
            {
                progress($"  {CompareRequest.ArmName(arm)} burst attempt {attempt} failed, measuring it again: {e.Message}");
            }
        }
    }

    internal const int BurstAttempts = 3;
}
