namespace Hil.Latency.Compare;

/// <summary>What a comparison concluded. Exit codes: regression 1, same and improvement 0, unknown 3.</summary>
public enum CompareOutcome
{
    Undecided,
    Same,
    Improvement,
    Regression,
    Unknown,
}

/// <summary>The ratio candidate/baseline of one percentile: geometric mean over blocks and its interval.</summary>
public sealed record RatioInterval(double Ratio, double Low, double High, double Confidence)
{
    public override string ToString() =>
        FormattableString.Invariant($"{Ratio:0.000} ({Confidence * 100:0} % interval {Low:0.000}–{High:0.000})");
}

/// <summary>The state of a comparison after some blocks.</summary>
/// <param name="Deciding">The percentile that decided a regression or improvement; null otherwise.</param>
/// <param name="DetectableShift">Per percentile, the smallest relative shift these blocks would call a regression.</param>
/// <param name="RuledOut">Per percentile, the relative shift above which the reported interval rules out.</param>
public sealed record CompareVerdict(
    CompareOutcome Outcome,
    int Blocks,
    RatioInterval P50,
    RatioInterval P99,
    ComparePercentile? Deciding,
    IReadOnlyDictionary<ComparePercentile, double> DetectableShift,
    IReadOnlyDictionary<ComparePercentile, double> RuledOut)
{
    public static string Name(CompareOutcome outcome) => outcome.ToString().ToLowerInvariant();

    public static string Name(ComparePercentile percentile) => percentile.ToString().ToLowerInvariant();

    public int ExitCode => Outcome switch
    {
        CompareOutcome.Regression => 1,
        CompareOutcome.Unknown or CompareOutcome.Undecided => 3,
        _ => 0,
    };

    public RatioInterval Of(ComparePercentile percentile) => percentile == ComparePercentile.P50 ? P50 : P99;
}
