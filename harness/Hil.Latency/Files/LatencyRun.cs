using HdrHistogram;
using Hil.Latency.Statistics;

using Hil.Latency.Measurement;

namespace Hil.Latency.Files;

/// <summary>What a baseline is keyed by (DESIGN.md §7): the same rig, topology, dext and OS.</summary>
public sealed record RunKey(string Rig, string Topology, string DextVersion, string OsBuild)
{
    public override string ToString() => $"{Rig}/{Topology}/dext {DextVersion}/os {OsBuild}";
}

/// <summary>Open loop: paced, latency from t_sched. Closed loop: as fast as possible, a throughput figure.</summary>
public enum LoadMode
{
    OpenLoop,
    ClosedLoop,
}

/// <summary>
/// Every message of the burst accounted for: Sent = Received + Lost (Received counts
/// distinct seqs, warm-up included); duplicates and reordering on top.
/// </summary>
public sealed record Accounting(
    long Sent,
    long Received,
    long Lost,
    long Duplicated,
    long Reordered,
    long WarmupDiscarded,
    long RingOverflow,
    long DriverDropped,
    long Unexpected)
{
    /// <summary>Loss the driver itself did not count (dropped by an injected fault, or a full record ring).</summary>
    public long UnexplainedLoss => Lost - DriverDropped - RingOverflow;
}

/// <summary>
/// The host floor for the topology's primitive (hil-floor, PROTOCOL.md §7). <see cref="Placement"/>
/// says how it shared the host with the measurement: <see cref="FloorPlacements.Beside"/> (its
/// messages interleaved with the topology's, half a period apart), <see cref="FloorPlacements.Alone"/>
/// (by itself, right before the run) or <see cref="FloorPlacements.FloorsTogether"/> (hil-floor's
/// three floors side by side, before the run: files from before placements were named).
/// </summary>
public sealed record FloorFigures(string Primitive, long Samples, long P50Ns, long P99Ns, long P999Ns)
{
    public string Placement { get; init; } = FloorPlacements.FloorsTogether;
}

/// <summary>How a floor shared the host with the run it is read against.</summary>
public static class FloorPlacements
{
    /// <summary>Measured during the topology's burst, its messages half a period after the topology's.</summary>
    public const string Beside = "beside-topology";

    /// <summary>By itself, right before the topology ran.</summary>
    public const string Alone = "alone";

    /// <summary>hil-floor's three floors at once, before the topology ran (files written before placements were named).</summary>
    public const string FloorsTogether = "floors-together";
}

/// <summary>A delay the sim added per hop to prove the gate catches a regression (selector 13, kind 2).</summary>
public sealed record InjectedDelay(double Percent, long NsPerHop, string Basis);

/// <summary>One measured run: what it was (<see cref="Metadata"/>), how every message was accounted, the full histogram and a subsample.</summary>
public sealed record LatencyRun(
    RunMetadata Metadata,
    Accounting Accounting,
    HistogramBase Histogram,
    IReadOnlyList<long> Subsample,
    IReadOnlyList<QuantileEstimate> Estimates,
    IReadOnlyList<LatencyWarning> Warnings)
{
    public RunKey Key { get => Metadata.Key; init => Metadata = Metadata with { Key = value }; }

    public string Host { get => Metadata.Host; init => Metadata = Metadata with { Host = value }; }

    public LoadMode Mode { get => Metadata.Mode; init => Metadata = Metadata with { Mode = value }; }

    public int RateHz { get => Metadata.RateHz; init => Metadata = Metadata with { RateHz = value }; }

    public long Samples { get => Metadata.Samples; init => Metadata = Metadata with { Samples = value }; }

    public long Warmup { get => Metadata.Warmup; init => Metadata = Metadata with { Warmup = value }; }

    public string StartedUtc { get => Metadata.StartedUtc; init => Metadata = Metadata with { StartedUtc = value }; }

    public FloorFigures? Floor { get => Metadata.Floor; init => Metadata = Metadata with { Floor = value }; }

    public InjectedDelay? InjectedDelay { get => Metadata.InjectedDelay; init => Metadata = Metadata with { InjectedDelay = value }; }

    /// <summary>The rig's message faults set during the burst (empty for a clean run); a faulted run is never a baseline.</summary>
    public IReadOnlyList<string> InjectedFaults { get; init; } = [];

    /// <summary>True when a delay or fault was injected: the run proves the gate, it never becomes a baseline.</summary>
    public bool IsFaulted => InjectedDelay is not null || InjectedFaults.Count > 0;

    public PercentileSummary Summary => PercentileSummary.From(Histogram);

    public LatencyDistribution Distribution => new(Key.Topology, Histogram, Subsample);
}
