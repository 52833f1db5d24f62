namespace Hil.Latency.Compare;

/// <summary>Which build a burst ran on.</summary>
public enum CompareArm
{
    Baseline,
    Candidate,
}

/// <summary>The percentiles a comparison decides on.</summary>
public enum ComparePercentile
{
    P50,
    P99,
}

/// <summary>One short burst of one arm, with the floor measured beside it.</summary>
public sealed record CompareBurst(CompareArm Arm, long P50Ns, long P99Ns, long? FloorP50Ns = null, long? FloorP99Ns = null)
{
    public long At(ComparePercentile percentile) => percentile == ComparePercentile.P50 ? P50Ns : P99Ns;
}

/// <summary>
/// One randomized block (ABBA or BAAB): both arms close together in time, so the host's
/// drift between blocks cancels in the block's paired ln ratio.
/// </summary>
public sealed record CompareBlock(IReadOnlyList<CompareBurst> Bursts)
{
    /// <summary>Wall time from the comparison's start to this block's end: what the rule's error spending runs on.</summary>
    public TimeSpan Ended { get; init; }

    /// <summary>mean ln(candidate) − mean ln(baseline) over the block's bursts: the block's paired ln ratio.</summary>
    public double LnRatio(ComparePercentile percentile)
    {
        var candidate = MeanLn(CompareArm.Candidate, percentile);
        var baseline = MeanLn(CompareArm.Baseline, percentile);
        return candidate - baseline;
    }

    /// <summary>The same block with <paramref name="extraNs"/> added to every candidate figure: extra work per message, as a slower build adds it.</summary>
    public CompareBlock WithCandidateExtraNs(long extraNs) => this with
    {
        Bursts = Bursts.Select(b => b.Arm == CompareArm.Candidate ? b with { P50Ns = b.P50Ns + extraNs, P99Ns = b.P99Ns + extraNs } : b).ToList(),
    };

    private double MeanLn(CompareArm arm, ComparePercentile percentile)
    {
        var figures = Bursts.Where(b => b.Arm == arm).Select(b => Math.Log(Math.Max(1, b.At(percentile)))).ToList();
        return figures.Count > 0
            ? figures.Average()
            : throw new InvalidOperationException($"a compare block needs both arms; it has no {arm} burst");
    }
}

/// <summary>
/// The order of a block's bursts: quads of ABBA or BAAB, each drawn at random so neither arm
/// always goes first; a block of several quads alternates the arms every burst or two, so
/// host drift inside the block hits both arms alike.
/// </summary>
public static class BlockOrder
{
    private static readonly CompareArm[] Abba = [CompareArm.Baseline, CompareArm.Candidate, CompareArm.Candidate, CompareArm.Baseline];
    private static readonly CompareArm[] Baab = [CompareArm.Candidate, CompareArm.Baseline, CompareArm.Baseline, CompareArm.Candidate];

    public static IReadOnlyList<CompareArm> Next(Random random, int quads = 1)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(quads, 1);
        return Enumerable.Range(0, quads).SelectMany(_ => random.Next(2) == 0 ? Abba : Baab).ToList();
    }
}
