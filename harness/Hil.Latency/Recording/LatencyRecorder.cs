using HdrHistogram;

namespace Hil.Latency.Recording;

/// <summary>
/// Records one-way latencies in ns: every value into an HdrHistogram (3 significant digits),
/// a bounded uniform subsample for the estimators that need raw values, and the first and
/// last samples for the floor-drift check. <see cref="Record"/> allocates nothing: every
/// buffer is sized in the constructor. Not thread-safe; one drain thread records.
/// </summary>
public sealed class LatencyRecorder
{
    /// <summary>One hour in ns: far above any latency worth a histogram bucket.</summary>
    public const long HighestTrackableNs = 3_600_000_000_000;

    public const int SignificantDigits = 3;

    public const int DefaultSubsampleSize = 8192;

    public const int DefaultEdgeWindow = 1000;

    private readonly LongHistogram histogram = new(1, HighestTrackableNs, SignificantDigits);
    private readonly Reservoir reservoir;
    private readonly EdgeWindows edges;
    private long clockAnomalies;
    private long clamped;

    public LatencyRecorder(int subsampleSize = DefaultSubsampleSize, int edgeWindow = DefaultEdgeWindow, ulong seed = 1)
    {
        reservoir = new Reservoir(subsampleSize, seed);
        edges = new EdgeWindows(edgeWindow);
    }

    public long Count => histogram.TotalCount;

    /// <summary>
    /// A latency below 1 ns means receive was stamped before the schedule: a clock fault,
    /// counted and recorded as 1 ns so the run still accounts for the message.
    /// </summary>
    public void Record(long latencyNs)
    {
        if (latencyNs < 1)
        {
            clockAnomalies++;
            latencyNs = 1;
        }
        else if (latencyNs > HighestTrackableNs)
        {
            clamped++;
            latencyNs = HighestTrackableNs;
        }

        histogram.RecordValue(latencyNs);
        reservoir.Offer(latencyNs);
        edges.Add(latencyNs);
    }

    /// <summary>A copy of everything recorded so far; the recorder can go on recording.</summary>
    public RecordedLatencies Snapshot() => new(
        (LongHistogram)histogram.Copy(), reservoir.ToArray(), edges.First(), edges.Last(), clockAnomalies, clamped);
}

/// <summary>What a recorder holds: the full histogram, a uniform subsample and the run's edges.</summary>
public sealed record RecordedLatencies(
    LongHistogram Histogram,
    IReadOnlyList<long> Subsample,
    IReadOnlyList<long> FirstSamples,
    IReadOnlyList<long> LastSamples,
    long ClockAnomalies,
    long Clamped);
