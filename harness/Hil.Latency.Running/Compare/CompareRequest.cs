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

    /// <summary>Each burst: short, so a block's four bursts see nearly the same host.</summary>
    public MeasurementPlan Burst { get; init; } = new(Samples: 1000, RateHz: 1000, Warmup: 200);

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
