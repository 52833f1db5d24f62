using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hil.Foundation;
using Hil.Foundation.Files;
using Hil.Latency.Measurement;
using Hil.Latency.Statistics;

namespace Hil.Latency.Files;

/// <summary>
/// The measurement file `hil latency --out` writes and the gate and baseline store read:
/// indented snake_case JSON (metadata and percentiles diff line by line in a repository), the
/// histogram in HdrHistogram's compressed base64 form (readable by every HdrHistogram port)
/// and the subsample as base64 little-endian u64 (one line, so it does not swamp a diff).
/// </summary>
public static class LatencyRunFile
{
    public const string FormatName = "hil-latency-run/1";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // A null or missing field the format requires is then a JsonException naming its path, not a crash later.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Measurement files are ~100 KB; a bound so a wrong path (/dev/zero, a huge log) cannot eat the memory.</summary>
    private const int MaxBytes = 64 << 20;

    public static void Write(string path, LatencyRun run) => AtomicFile.WriteAllText(path, ToJson(run));

    public static LatencyRun Read(string path)
    {
        return FromJson(InputFile.ReadAllText(path, "a measurement file (from `hil latency --out`)", MaxBytes), path);
    }

    public static string ToJson(LatencyRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var s = run.Summary;
        var dto = new LatencyRunDto
        {
            Format = FormatName,
            Rig = run.Key.Rig,
            Topology = run.Key.Topology,
            DextVersion = run.Key.DextVersion,
            OsBuild = run.Key.OsBuild,
            Host = run.Host,
            Mode = ModeName(run.Mode),
            RateHz = run.RateHz,
            Samples = run.Samples,
            Warmup = run.Warmup,
            StartedUtc = run.StartedUtc,
            Accounting = run.Accounting,
            Percentiles = new SummaryDto(s.Count, s.MinNs, Math.Round(s.MeanNs, 1), s.P50Ns, s.P90Ns, s.P99Ns, s.P999Ns, s.MaxNs),
            HarrellDavis = run.Estimates.Select(e => new EstimateDto(e.Quantile, Math.Round(e.EstimateNs, 1), Math.Round(e.LowerNs, 1), Math.Round(e.UpperNs, 1), Math.Round(e.StandardErrorNs, 2), e.Confidence, e.SampleSize)).ToList(),
            Floor = run.Floor,
            InjectedDelay = run.InjectedDelay,
            InjectedFaults = run.InjectedFaults.Count > 0 ? run.InjectedFaults.ToList() : null,
            Warnings = run.Warnings.Select(w => new WarningDto(w.Code, w.Message)).ToList(),
            Histogram = new HistogramDto("hdrhistogram-v2-compressed-base64", run.Histogram.LowestTrackableValue, run.Histogram.HighestTrackableValue, run.Histogram.NumberOfSignificantValueDigits, run.Histogram.TotalCount, HistogramCodec.ToCompressedBase64(run.Histogram)),
            Subsample = new SubsampleDto("reservoir (algorithm R, uniform over the measured samples)", run.Subsample.Count, "u64le-base64", EncodeValues(run.Subsample)),
        };
        return JsonSerializer.Serialize(dto, Json) + "\n";
    }

    public static LatencyRun FromJson(string json, string where)
    {
        LatencyRunDto dto;
        try
        {
            dto = JsonSerializer.Deserialize<LatencyRunDto>(json, Json) ?? throw new InputException($"{where}: empty measurement file");
        }
        catch (JsonException e)
        {
            throw new InputException($"{where}: not a measurement file: line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {e.Message}", e);
        }

        if (dto.Format != FormatName)
        {
            throw new InputException($"{where}: field 'format' is '{dto.Format}', expected '{FormatName}'");
        }

        LatencyRunChecks.Check(dto, where);

        var key = new RunKey(Need(dto.Rig, where, "rig"), Need(dto.Topology, where, "topology"), Need(dto.DextVersion, where, "dext_version"), Need(dto.OsBuild, where, "os_build"));
        var histogram = dto.Histogram ?? throw Missing(where, "histogram");
        var subsample = dto.Subsample ?? throw Missing(where, "subsample");
        return new LatencyRun(
            new RunMetadata(key, dto.Host ?? "unknown", ParseMode(dto.Mode, where), dto.RateHz, dto.Samples, dto.Warmup, dto.StartedUtc ?? string.Empty, dto.Floor, dto.InjectedDelay),
            dto.Accounting ?? throw Missing(where, "accounting"),
            HistogramCodec.FromCompressedBase64(histogram.Data, $"{where}: field 'histogram.data'"),
            DecodeValues(subsample.Data, $"{where}: field 'subsample.data'"),
            (dto.HarrellDavis ?? []).Select(e => new QuantileEstimate(e.Quantile, e.EstimateNs, e.LowerNs, e.UpperNs, e.StandardErrorNs, e.Confidence, e.SampleSize)).ToList(),
            (dto.Warnings ?? []).Select(w => new LatencyWarning(w.Code, w.Message)).ToList())
        {
            InjectedFaults = dto.InjectedFaults ?? [],
        };
    }

    public static string ModeName(LoadMode mode) => mode == LoadMode.OpenLoop ? "open-loop" : "closed-loop";

    private static LoadMode ParseMode(string? mode, string where) => mode switch
    {
        "open-loop" => LoadMode.OpenLoop,
        "closed-loop" => LoadMode.ClosedLoop,
        _ => throw new InputException($"{where}: field 'mode' is '{mode}', expected 'open-loop' or 'closed-loop'"),
    };

    private static string EncodeValues(IReadOnlyList<long> values)
    {
        var bytes = new byte[values.Count * 8];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    private static long[] DecodeValues(string data, string where)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(data);
        }
        catch (FormatException e)
        {
            throw new InputException($"{where}: expected base64 of little-endian u64 values ({e.Message})", e);
        }

        if (bytes.Length % 8 != 0)
        {
            throw new InputException($"{where}: {bytes.Length} bytes is not a whole number of u64 values");
        }

        var values = new long[bytes.Length / 8];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * 8));
        }

        return values;
    }

    private static string Need(string? value, string where, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Missing(where, field) : value;

    private static InputException Missing(string where, string field) => new($"{where}: field '{field}' is missing or empty");
}
