using Hil.Latency.Files;
using Hil.Latency.Recording;
using Hil.Latency.Statistics;

namespace Hil.Latency.Measurement;

/// <summary>What a run was, apart from its samples.</summary>
public sealed record RunMetadata(
    RunKey Key,
    string Host,
    LoadMode Mode,
    int RateHz,
    long Samples,
    long Warmup,
    string StartedUtc,
    FloorFigures? Floor,
    InjectedDelay? InjectedDelay);

/// <summary>
/// The analyse step (BenchmarkDotNet's order: validate → measure → analyse → export): turns
/// recorded latencies and their accounting into a <see cref="LatencyRun"/> with Harrell-Davis
/// estimates and the analysers' warnings.
/// </summary>
public static class RunAnalysis
{
    public static LatencyRun Analyse(RunMetadata metadata, RecordedLatencies recorded, Accounting accounting, HostConditions host)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(accounting);
        ArgumentNullException.ThrowIfNull(host);
        var input = new AnalysisInput(recorded.Histogram, recorded.Subsample, recorded.FirstSamples, recorded.LastSamples, recorded.ClockAnomalies, host);
        var warnings = Analysers.Run(input, HarrellDavis.ReportedQuantiles).ToList();
        if (metadata.Mode == LoadMode.ClosedLoop)
        {
            warnings.Add(new LatencyWarning("closed-loop", "closed-loop (throughput) mode: each message waited for the previous one, so stalls hide samples; not a latency figure"));
        }

        var estimates = HarrellDavis.Estimate(recorded.Subsample, HarrellDavis.ReportedQuantiles);
        return new LatencyRun(metadata, accounting, recorded.Histogram, recorded.Subsample, estimates, warnings);
    }

    /// <summary>A run built from latencies already in hand (resampling, synthetic data): every value recorded, nothing lost.</summary>
    public static LatencyRun FromValues(RunMetadata metadata, IEnumerable<long> latenciesNs, ulong seed = 1, bool analyse = true)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(latenciesNs);
        var recorder = new LatencyRecorder(seed: seed);
        foreach (var v in latenciesNs)
        {
            recorder.Record(v);
        }

        var recorded = recorder.Snapshot();
        var n = recorded.Histogram.TotalCount;
        var accounting = new Accounting(n, n, 0, 0, 0, 0, 0, 0, 0);
        if (!analyse)
        {
            return new LatencyRun(metadata with { Samples = n, Warmup = 0 }, accounting, recorded.Histogram, recorded.Subsample, [], []);
        }

        return Analyse(metadata with { Samples = n }, recorded, accounting, HostConditions.Unknown);
    }
}
