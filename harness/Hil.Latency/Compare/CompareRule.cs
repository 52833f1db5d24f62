using Hil.Foundation;

namespace Hil.Latency.Compare;

/// <summary>
/// How a comparison decides. The practical threshold T (default 10 %) is the shift that must
/// be caught; the decision boundary sits halfway, at ln(1 + T/2), so a true shift of 0 and a
/// true shift of T are each half a threshold from it and the two errors are balanced.
/// </summary>
public sealed record CompareRule
{
    public const double DefaultThresholdPercent = 10;

    public double ThresholdPercent { get; init; } = DefaultThresholdPercent;

    /// <summary>Confidence of the interval the decision is taken on (wider than the reported 95 %: the rule looks after every block).</summary>
    public double DecisionConfidence { get; init; } = 0.99;

    /// <summary>Confidence of the intervals reported beside the verdict.</summary>
    public double ReportConfidence { get; init; } = 0.95;

    /// <summary>No verdict before this many blocks: fewer give no spread to judge by.</summary>
    public int MinBlocks { get; init; } = 3;

    public double Boundary => Math.Log(1 + (ThresholdPercent / 200));

    public void Validate()
    {
        if (ThresholdPercent is <= 0 or > 1000)
        {
            throw new InputException($"--threshold {ThresholdPercent}: expected a percentage above 0 and at most 1000");
        }

        if (MinBlocks < 2)
        {
            throw new InputException($"minimum blocks {MinBlocks}: expected 2 or more (a spread needs two)");
        }
    }
}
