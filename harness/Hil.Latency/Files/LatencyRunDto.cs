namespace Hil.Latency.Files;

// The on-disk shape of a measurement file (snake_case JSON). Kept apart from LatencyRun so
// the file format is explicit and versioned, and reading can name every missing field.
#pragma warning disable SA1402, CA1819 // DTOs of one format live together; arrays are the JSON shape
internal sealed class LatencyRunDto
{
    public string? Format { get; set; }

    public string? Rig { get; set; }

    public string? Topology { get; set; }

    public string? DextVersion { get; set; }

    public string? OsBuild { get; set; }

    public string? Host { get; set; }

    public string? Mode { get; set; }

    public int RateHz { get; set; }

    public long Samples { get; set; }

    public long Warmup { get; set; }

    public string? StartedUtc { get; set; }

    public Accounting? Accounting { get; set; }

    public SummaryDto? Percentiles { get; set; }

    public List<EstimateDto>? HarrellDavis { get; set; }

    public FloorFigures? Floor { get; set; }

    public InjectedDelay? InjectedDelay { get; set; }

    public List<string>? InjectedFaults { get; set; }

    public List<WarningDto>? Warnings { get; set; }

    public HistogramDto? Histogram { get; set; }

    public SubsampleDto? Subsample { get; set; }
}

internal sealed record SummaryDto(long Count, long MinNs, double MeanNs, long P50Ns, long P90Ns, long P99Ns, long P999Ns, long MaxNs);

internal sealed record EstimateDto(double Quantile, double EstimateNs, double LowerNs, double UpperNs, double StandardErrorNs, double Confidence, int SampleSize);

internal sealed record WarningDto(string Code, string Message);

internal sealed record HistogramDto(string Encoding, long LowestNs, long HighestNs, int SignificantDigits, long TotalCount, string Data);

internal sealed record SubsampleDto(string Method, int Size, string Encoding, string Data);
#pragma warning restore SA1402, CA1819
