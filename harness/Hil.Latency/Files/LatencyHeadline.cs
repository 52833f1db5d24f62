using System.Text.Json;
using Hil.Foundation;
using Hil.Foundation.Files;

namespace Hil.Latency.Files;

/// <summary>
/// The headline figures of one topology's run: what `hil latency --json` prints, what the
/// latency fixture writes (one per topology, <see cref="LatencyHeadlineFile"/>) and what
/// `hil run` reads back for its summary table. Floor figures are null when no floor was measured.
/// </summary>
public sealed record LatencyHeadline(
    string Topology, string Rig, string Mode, long Samples, long Lost, long Duplicated, long Reordered, long WarmupDiscarded,
    long P50Ns, long P90Ns, long P99Ns, long P999Ns, long MaxNs, long? FloorP50Ns, long? FloorP99Ns, string? FloorPrimitive,
    long? InjectedDelayNs, IReadOnlyList<string> Warnings)
{
    public static LatencyHeadline Of(LatencyRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var s = run.Summary;
        var a = run.Accounting;
        return new LatencyHeadline(
            run.Key.Topology, run.Key.Rig, LatencyRunFile.ModeName(run.Mode), s.Count, a.Lost, a.Duplicated, a.Reordered,
            a.WarmupDiscarded, s.P50Ns, s.P90Ns, s.P99Ns, s.P999Ns, s.MaxNs, run.Floor?.P50Ns, run.Floor?.P99Ns, run.Floor?.Primitive,
            run.InjectedDelay?.NsPerHop, [.. run.Warnings.Select(w => w.ToString())]);
    }
}

/// <summary>The headlines of a run, one per topology, as one snake_case JSON array (the results layout's latency-summary.json).</summary>
public static class LatencyHeadlineFile
{
    /// <summary>One short line per topology; the cap refuses a wrong file before it is read.</summary>
    private const int MaxBytes = 1 << 20;

    /// <summary>The names `--json` and the file share: snake_case, indented.</summary>
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Rewritten whole and atomically, so an interrupted run keeps what it measured.</summary>
    public static void Write(string path, IReadOnlyList<LatencyHeadline> headlines) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(headlines, Json));

    /// <summary>The headlines in <paramref name="path"/>; none when the run measured no latency (no file).</summary>
    public static IReadOnlyList<LatencyHeadline> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<LatencyHeadline>>(InputFile.ReadAllBytes(path, "the run's latency headlines (JSON)", MaxBytes), Json)
                ?? throw new InputException($"{path}: expected a JSON array of latency headlines, found null");
        }
        catch (JsonException ex)
        {
            throw new InputException($"{path}: not a list of latency headlines: {ex.Message}");
        }
    }
}
