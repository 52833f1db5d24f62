namespace Hil.Reporting;

/// <summary>
/// One latency curve: (quantile, nanoseconds) points, e.g. from an HdrHistogram. Floors are the
/// host's own minimum for that topology's primitive, drawn dashed in the topology's colour.
/// </summary>
public sealed record PercentileSeries(string Topology, IReadOnlyList<(double Quantile, double Nanoseconds)> Points, long SampleCount, bool IsFloor = false)
{
    public string Legend => IsFloor ? $"{Topology} floor (n={SampleCount})" : $"{Topology} (n={SampleCount})";
}

/// <summary>A histogram bucket: [LowNs, HighNs) holds Count samples.</summary>
public sealed record HistogramBucket(double LowNs, double HighNs, long Count);

/// <summary>Current minus baseline at one quantile, with an optional confidence interval, in ns.</summary>
public sealed record ShiftPoint(double Quantile, double DifferenceNs, double? LowNs = null, double? HighNs = null)
{
    /// <summary>The shift function from two sets of percentiles, at the quantiles both have.</summary>
    public static IReadOnlyList<ShiftPoint> Between(PercentileSeries baseline, PercentileSeries current)
    {
        var byQuantile = baseline.Points.GroupBy(p => p.Quantile).ToDictionary(g => g.Key, g => g.First().Nanoseconds);
        return [.. current.Points
            .Where(p => byQuantile.ContainsKey(p.Quantile))
            .OrderBy(p => p.Quantile)
            .Select(p => new ShiftPoint(p.Quantile, p.Nanoseconds - byQuantile[p.Quantile]))];
    }
}

/// <summary>
/// Everything attached for one measurement. <see cref="Rig"/> and <see cref="Host"/> go into
/// every title, sample counts into every legend: a figure is never shown without them.
/// </summary>
public sealed record LatencyMeasurement(string Name, string Rig, string Host, IReadOnlyList<PercentileSeries> Series)
{
    /// <summary>Bucketed samples of the topology under test, for the histogram plot.</summary>
    public IReadOnlyList<HistogramBucket>? Histogram { get; init; }

    /// <summary>Shift function against the stored baseline, when there is one.</summary>
    public IReadOnlyList<ShiftPoint>? ShiftAgainstBaseline { get; init; }

    /// <summary>The raw histogram log (HdrHistogram's text or base64 form), attached as is.</summary>
    public string? RawHistogramLog { get; init; }

    /// <summary>Budget lines drawn across the percentile plot (the rig file's limits and marginal bands).</summary>
    public IReadOnlyList<PlotLimit> Limits { get; init; } = [];
}

/// <summary>A horizontal line on the percentile plot: a budget's limit (solid red) or marginal band (dotted orange).</summary>
public sealed record PlotLimit(string Label, double Nanoseconds, bool IsMarginal);

/// <summary>One plot in both formats: SVG for the report, PNG where SVG is not shown.</summary>
public sealed record PlotImages(string Svg, byte[] Png);
