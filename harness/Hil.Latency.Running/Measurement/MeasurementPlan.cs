using Hil.Foundation;
using Hil.Latency.Files;

namespace Hil.Latency.Measurement;

/// <summary>
/// What to measure. <see cref="Samples"/> messages are measured after <see cref="Warmup"/>
/// discarded ones (the burst sends Samples + Warmup, seqs 0..Warmup-1 being the warm-up).
/// Closed loop sends as fast as possible (rate 0): a throughput figure, labelled so.
/// </summary>
public sealed record MeasurementPlan(long Samples, int RateHz, long Warmup = 500, LoadMode Mode = LoadMode.OpenLoop)
{
    /// <summary>Most messages in one burst, warm-up included.</summary>
    public const long MaxTotal = 100_000_000;

    public const long MaxSamples = MaxTotal - 1_000_000;

    public const int MaxRateHz = 1_000_000;

    /// <summary>Added per message at Driver1 (selector 13, fault 2); 0 = none.</summary>
    public long InjectDelayNsPerHop { get; init; }

    /// <summary>Faults set for this burst (the rig file's message faults), cleared after it; at most one per driver.</summary>
    internal IReadOnlyList<ProbeFaultSetting> Faults { get; init; } = [];

    /// <summary>How long after the schedule's end the drain waits for the last records.</summary>
    public TimeSpan DrainSlack { get; init; } = TimeSpan.FromSeconds(10);

    public long Total => Samples + Warmup;

    /// <summary>The burst's own length at the paced rate (zero for closed loop).</summary>
    public TimeSpan ScheduleLength => Mode == LoadMode.OpenLoop ? TimeSpan.FromSeconds((double)Total / RateHz) : TimeSpan.Zero;

    public void Validate()
    {
        if (Samples is < 1 or > MaxSamples)
        {
            throw new InputException($"--samples {Samples}: expected 1..99,000,000");
        }

        if (Warmup < 0 || Total > MaxTotal)
        {
            throw new InputException($"warm-up {Warmup}: expected 0 or more, with samples + warm-up <= 10^8");
        }

        if (Mode == LoadMode.OpenLoop && RateHz is < 1 or > MaxRateHz)
        {
            throw new InputException($"--rate {RateHz}: expected 1..1,000,000 Hz for an open-loop run");
        }

        if (InjectDelayNsPerHop < 0)
        {
            throw new InputException($"injected delay {InjectDelayNsPerHop} ns: expected 0 or more");
        }

        if (InjectDelayNsPerHop > 0 && Faults.FirstOrDefault(f => f.Role == UserClients.Probe.ProbeRole.Driver1) is { } clash)
        {
            throw new InputException($"--inject-delay and the rig's {clash.Origin} both act on Driver1; the probe dext holds one fault per driver");
        }
    }
}

/// <summary>What a run is labelled with besides its samples (DESIGN.md §10: topology, rig, host, count, floor).</summary>
internal sealed record RunContext(string Rig, string DextVersion, string OsBuild, string Host, string StartedUtc)
{
    public FloorFigures? Floor { get; init; }

    public InjectedDelay? InjectedDelay { get; init; }

    public Statistics.HostConditions HostConditions { get; init; } = Statistics.HostConditions.Unknown;
}
