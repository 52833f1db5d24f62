namespace Hil.Reporting.Trend;

/// <summary>One night of a series: when the run was and its figure.</summary>
public sealed record TrendNight(DateTimeOffset At, long Nanoseconds);

/// <summary>
/// One percentile of one topology (or of its floor) on one rig, night by night, with the nights
/// where it moved (<see cref="ChangePoints"/>).
/// </summary>
public sealed record TrendSeries(string Rig, string Topology, string Percentile, bool IsFloor, IReadOnlyList<TrendNight> Nights)
{
    /// <summary>The percentiles the trend follows: each topology's p50 and p99, and its floor's.</summary>
    public static readonly IReadOnlyList<(string Name, bool IsFloor, Func<TrendEntry, long?> Figure)> Percentiles =
    [
        ("p50", false, e => e.P50Ns),
        ("p99", false, e => e.P99Ns),
        ("p50", true, e => e.FloorP50Ns),
        ("p99", true, e => e.FloorP99Ns),
    ];

    public string Legend => IsFloor ? $"{Topology} floor {Percentile}" : $"{Topology} {Percentile}";

    /// <summary>The nights that start a new level, each the first night after a move.</summary>
    public IReadOnlyList<TrendNight> Moves { get; } = [.. ChangePoints.Of([.. Nights.Select(n => (double)n.Nanoseconds)]).Select(i => Nights[i])];

    /// <summary>Every series of <paramref name="rig"/> in <paramref name="entries"/>, nights in time order.</summary>
    public static IReadOnlyList<TrendSeries> Of(IEnumerable<TrendEntry> entries, string rig)
    {
        var ofRig = entries.Where(e => e.Rig == rig).OrderBy(e => e.At).ToList();
        return [.. ofRig.Select(e => e.Topology).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .SelectMany(topology => Percentiles.Select(p => new TrendSeries(rig, topology, p.Name, p.IsFloor,
                [.. ofRig.Where(e => e.Topology == topology).Select(e => (e.At, Ns: p.Figure(e)))
                    .Where(n => n.Ns is > 0).Select(n => new TrendNight(n.At, n.Ns!.Value))])))
            .Where(s => s.Nights.Count > 0)];
    }
}
