using System.Text.Json;
using System.Text.Json.Serialization;
using Hil.Foundation;

namespace Hil.Latency.Compare;

/// <summary>`hil compare --json`: the verdict, its intervals and calibration, and every block's bursts (which calibration reads back).</summary>
public sealed record CompareJsonDocument(
    string Verdict, int ExitCode, string Topology, string? DecidingPercentile, double ThresholdPct, int Blocks, int Seed,
    double ElapsedSeconds, RatioJson P50Ratio, RatioJson P99Ratio,
    IReadOnlyDictionary<string, double?> DetectableShift, IReadOnlyDictionary<string, double?> RuledOutAbove,
    double? FalseAlarmRate, IReadOnlyDictionary<string, double>? PowerAtThreshold, string Calibration,
    ArmJson Baseline, ArmJson Candidate, IReadOnlyList<BlockJson> BlockData, ErrorBudgetJson? ErrorBudget = null)
{
    /// <summary>Each burst's messages per second (files written before it was recorded: 1000).</summary>
    public int? BurstRateHz { get; init; }

    /// <summary>Each burst's measured messages (after its warm-up).</summary>
    public int? BurstMessages { get; init; }

    /// <summary>How shared-ring's Driver2 waited (spin or spin-then-wait); null for the topologies without a doorbell.</summary>
    public string? Doorbell { get; init; }

    /// <summary>How the arms' bursts met: alternate or together.</summary>
    public string? Schedule { get; init; }
}

/// <summary>
/// The sequential rule's stated error budget (<see cref="CompareRule"/>): what the verdict's own
/// errors are bounded by, and the shifts (in %) each percentile's upper bound must lie below for "same".
/// </summary>
public sealed record ErrorBudgetJson(double Regression, double Same, int FirstLook, double LookGrowth, string Spending)
{
    public IReadOnlyDictionary<string, double>? SameBelowPct { get; init; }

    public string Bounds { get; init; } = "";

    public static ErrorBudgetJson Of(CompareRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new(rule.RegressionErrorBudget, rule.SameErrorBudget, rule.FirstLook, rule.LookGrowth, "alpha x (fraction of the wall-time budget used since the previous look); the look the budget's end forces spends the rest")
        {
            SameBelowPct = new[] { ComparePercentile.P50, ComparePercentile.P99 }.ToDictionary(CompareVerdict.Name, q => (Math.Exp(rule.SameBoundary(q)) - 1) * 100),
            Bounds = $"Hodges-Lehmann with Wilcoxon signed-rank bounds, exact up to {SignedRank.ExactUpTo} blocks",
        };
    }
}

public sealed record RatioJson(double Ratio, double? Low, double? High, double Confidence);

public sealed record ArmJson(string Directory, string BundleId, long SendExtraNs, string SourceCommit);

public sealed record BlockJson(string Order, IReadOnlyList<BurstJson> Bursts);

public sealed record BurstJson(string Arm, long P50Ns, long P99Ns, long? FloorP50Ns, long? FloorP99Ns);

public static class CompareJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static RatioJson Ratio(RatioInterval r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Ratio, Finite(r.Low), Finite(r.High), r.Confidence);
    }

    public static IReadOnlyDictionary<string, double?> PerPercentile(IReadOnlyDictionary<ComparePercentile, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.ToDictionary(kv => CompareVerdict.Name(kv.Key), kv => Finite(kv.Value));
    }

    public static BlockJson Block(CompareBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return new(
            string.Concat(block.Bursts.Select(b => b.Arm == CompareArm.Baseline ? 'A' : 'B')),
            block.Bursts.Select(b => new BurstJson(b.Arm == CompareArm.Baseline ? "baseline" : "candidate", b.P50Ns, b.P99Ns, b.FloorP50Ns, b.FloorP99Ns)).ToList());
    }

    public static string Write(CompareJsonDocument document) => JsonSerializer.Serialize(document, Options) + "\n";

    /// <summary>The blocks of a `hil compare --json` file, for calibration.</summary>
    public static (string Topology, IReadOnlyList<CompareBlock> Blocks) ReadBlocks(string path)
    {
        CompareJsonDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize<CompareJsonDocument>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not a hil compare --json file: {e.Message}", e);
        }

        if (doc?.BlockData is null)
        {
            throw new InputException($"{path}: field 'block_data' is missing; expected a hil compare --json file");
        }

        return (doc.Topology, doc.BlockData.Select(b => new CompareBlock(b.Bursts.Select(Burst).ToList())).ToList());
    }

    private static CompareBurst Burst(BurstJson b) =>
        new(b.Arm == "baseline" ? CompareArm.Baseline : CompareArm.Candidate, b.P50Ns, b.P99Ns, b.FloorP50Ns, b.FloorP99Ns);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
