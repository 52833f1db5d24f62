using System.Text.Json;
using Hil.Foundation;

namespace Hil.Latency.Compare;

/// <summary>
/// What the comparison's calibration found for one topology (benchmarks/compare-calibration.json,
/// written by `Hil.Benchmarks compare-calibrate`): the false-alarm rate of A/A comparisons and the
/// power at the threshold, at p50 and at p99. Printed beside every verdict. Shared-ring is
/// calibrated per doorbell (its row names it): spin and spin-then-wait are different paths.
/// </summary>
public sealed record CompareCalibration(
    string Topology, int Comparisons, double FalseAlarmRate, double PowerP50, double PowerP99, double MedianSecondsToVerdict, string Source)
{
    public const string RelativePath = "benchmarks/compare-calibration.json";

    /// <summary>
    /// The calibration for <paramref name="topology"/> (with <paramref name="doorbell"/>, its name, for
    /// shared-ring; null for the others) at <paramref name="thresholdPercent"/>; null when none was made for it.
    /// </summary>
    public static CompareCalibration? Find(string repositoryRoot, string topology, double thresholdPercent, string? doorbell = null)
    {
        var path = Path.Combine(repositoryRoot, RelativePath);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            if (Math.Abs(root.GetProperty("threshold_pct").GetDouble() - thresholdPercent) > 1e-9)
            {
                return null;
            }

            return root.GetProperty("topologies").EnumerateArray()
                .Where(t => t.GetProperty("topology").GetString() == topology
                    && (t.TryGetProperty("doorbell", out var d) ? d.GetString() : null) == doorbell)
                .Select(t => new CompareCalibration(
                    topology, t.GetProperty("comparisons").GetInt32(), t.GetProperty("false_alarm_rate").GetDouble(),
                    t.GetProperty("power_p50").GetDouble(), t.GetProperty("power_p99").GetDouble(),
                    t.GetProperty("median_seconds_to_verdict").GetDouble(), RelativePath))
                .FirstOrDefault();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputException($"{path}: expected threshold_pct and topologies[] with topology, comparisons, false_alarm_rate, power_p50, power_p99, median_seconds_to_verdict: {e.Message}", e);
        }
    }
}
