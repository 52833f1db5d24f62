namespace Hil.Latency.Statistics;

/// <summary>
/// Something a reader of the numbers must know: the figures stand, but they are weaker
/// than they look. Codes are stable so reports and tests can match on them.
/// </summary>
public sealed record LatencyWarning(string Code, string Message)
{
    public const string Multimodal = "multimodal";
    public const string TooFewSamples = "too-few-samples";
    public const string FloorDrift = "floor-drift";
    public const string NoisyHost = "noisy-host";
    public const string Outliers = "outliers";
    public const string ClockAnomaly = "clock-anomaly";
    public const string WarmupShort = "warmup-short";
    public const string FloorMissing = "floor-missing";

    public override string ToString() => $"[{Code}] {Message}";
}
