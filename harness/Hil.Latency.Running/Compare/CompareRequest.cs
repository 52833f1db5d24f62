using Hil.Foundation;
using Hil.Latency.Compare;
using Hil.Latency.Measurement;
using Hil.Rigs;
using Hil.UserClients.Probe;

namespace Hil.Latency.Running.Compare;

/// <summary>One A/B comparison of two dext builds on one rig and topology.</summary>
public sealed record CompareRequest(RigSpec Rig, Topology Topology, DextBuild Baseline, DextBuild Candidate)
{
    public CompareRule Rule { get; init; } = new();

    /// <summary>Wall time after which an undecided comparison ends "unknown".</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Seeds the block orders (ABBA or BAAB), so a comparison can be replayed in the same order.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Each burst; <see cref="DefaultBurst"/> unless the caller trades spread for time.</summary>
    public MeasurementPlan Burst { get; init; } = DefaultBurst;

    /// <summary>
    /// 1,000 messages at 1 kHz. On a quiet host (this 2-core VM at load 0–2, 2026-12-03) a block's
    /// paired ln p50 ratio spreads about 0.13 (robust sd) whatever the burst, 250 or 1,000
    /// messages at 100 Hz or 1 kHz: the noise is the burst's, not the sample's, so short blocks
    /// win for p50; p99 needs the 1,000 (its spread 0.43 at 250 messages, 0.15 at 1,000). At 100
    /// Hz the same evidence took 7× longer and identical builds ended "unknown". On a loaded host
    /// (load 30+) 1 kHz queues (app-relay's burst p50 was 8× the path's): there pass --rate 100
    /// (benchmarks/compare-calibration.md). The arm stays wired between bursts, so a short
    /// warm-up suffices.
    /// </summary>
    public static readonly MeasurementPlan DefaultBurst = new(Samples: 1000, RateHz: 1000, Warmup: 50);

    /// <summary>Measure this host's floor beside each burst (context for the reader; the decision rests on the paired ratios alone).</summary>
    public bool MeasureFloor { get; init; } = true;

    /// <summary>How shared-ring's Driver2 waits for a message in both arms (the other topologies have no doorbell).</summary>
    public Doorbell Doorbell { get; init; } = DoorbellFor(Environment.ProcessorCount);

    /// <summary>Processors a spinning shared-ring comparison needs: each arm's consumer spins and each arm's producer paces.</summary>
    public const int SpinningProcessors = 4;

    /// <summary>
    /// Spin where each arm's consumer and producer can have a processor of their own; below that,
    /// spin-then-wait. Measured on this 2-core VM (2026-12-03, benchmarks/compare-calibration.md):
    /// two spinning arms starve each other and a burst's p50 is ~1 µs or tens of µs at random (an
    /// A/A block's ln p50 ratio spreads 1.16 robust sd; 'unknown' both ways in 5 minutes); with
    /// spin-then-wait the spread is 0.16 (p50) and 0.20 (p99), like app-relay's, and +20 % p50 is
    /// found in 12 blocks.
    /// </summary>
    public static Doorbell DoorbellFor(int processors) => processors >= SpinningProcessors ? Doorbell.Spin : Doorbell.SpinThenWait;

    /// <summary>How the arms' bursts meet: one after the other in ABBA/BAAB quads, or both at once (duet).</summary>
    public CompareSchedule Schedule { get; init; } = DefaultSchedule;

    public const CompareSchedule DefaultSchedule = CompareSchedule.Together;

    /// <summary>ABBA/BAAB quads per block: the block's paired ratio averages this many alternations of each arm.</summary>
    public int QuadsPerBlock { get; init; } = 1;

    /// <summary>
    /// The rig as one arm sees it: its dext is the build. On the sim each arm gets its own
    /// in-memory rig parts (relay emulator, bus, kernel, sim hosts), so both builds are loaded
    /// at once without sharing a process; the rig lock is per arm name.
    /// </summary>
    public RigSpec RigFor(CompareArm arm)
    {
        if (Rig.Host != RigHost.Sim)
        {
            throw new InputException(
                $"{Rig.SourcePath}: hil compare drives two builds through one rig session only on the sim rig so far; on a Mac follow dext/README.md \"A dext build\" (two bundle ids, both approved)");
        }

        var build = arm == CompareArm.Baseline ? Baseline : Candidate;
        var dext = DextSpec.Of(build);
        return Rig with { Name = $"{Rig.Name}-{ArmName(arm)}", Dext = dext };
    }

    public static string ArmName(CompareArm arm) => arm == CompareArm.Baseline ? "baseline" : "candidate";
}

/// <summary>
/// How a block's bursts are scheduled. Alternate: ABBA or BAAB, one burst at a time. Together:
/// both arms' bursts at once, twice per quad (duet benchmarking, Bulej et al.), so a host stall
/// lands on both arms' messages in the same window.
/// </summary>
public enum CompareSchedule
{
    Alternate,
    Together,
}
