using System.Globalization;

namespace Hil.Latency.Statistics;

/// <summary>
/// How busy the host was around a run: run-queue load per core (Linux /proc/loadavg) and how
/// ragged the floor primitive was (its p99 / p50). Either can say the host, not the driver,
/// made the tail.
/// </summary>
public sealed record HostConditions(double? LoadPerCore, double? FloorTailRatio)
{
    public static readonly HostConditions Unknown = new(null, null);

    /// <summary>The floor's p99 / p50; null when there is no floor or its p50 is 0.</summary>
    public static double? TailRatioOf(long? p50Ns, long? p99Ns) => p50Ns is > 0 && p99Ns is { } p99 ? (double)p99 / p50Ns.Value : null;

    /// <summary>The 1-minute load average divided by the core count; null where /proc is absent (macOS).</summary>
    public static double? ReadLoadPerCore(string path = "/proc/loadavg")
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var first = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load / Environment.ProcessorCount
            : null;
    }
}
