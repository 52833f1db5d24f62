using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Statistics;

namespace Hil.Latency.Gate;

/// <summary>
/// What one run contributes to the gate: per gated percentile, the value in ns and the
/// decision variable (ln of it, or of its ratio to the run's own floor).
/// </summary>
public sealed record RunFigures(IReadOnlyList<long> ValuesNs, IReadOnlyList<double> Logs)
{
    public static RunFigures From(LatencyRun run, GateOptions options, string source)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        var values = options.Percentiles.Select(q => HistogramMath.ValueAt(run.Histogram, q)).ToArray();
        return new RunFigures(values, ToLogs(values, run.Floor, options, source));
    }

    /// <summary>The decision variables for percentile values already read (the calibration shifts them first).</summary>
    public static double[] ToLogs(IReadOnlyList<long> valuesNs, FloorFigures? floor, GateOptions options, string source)
    {
        ArgumentNullException.ThrowIfNull(valuesNs);
        ArgumentNullException.ThrowIfNull(options);
        var logs = new double[valuesNs.Count];
        for (var i = 0; i < logs.Length; i++)
        {
            var value = Math.Log(Math.Max(1, valuesNs[i]));
            logs[i] = options.Normalisation == GateNormalisation.None ? value : value - Math.Log(Math.Max(1, FloorAt(floor, options.Percentiles[i], source)));
        }

        return logs;
    }

    private static long FloorAt(FloorFigures? floor, double quantile, string source)
    {
        if (floor is null)
        {
            throw new InputException($"{source}: field 'floor' is missing; floor normalisation needs every run measured with its floor (hil latency without --no-floor)");
        }

        return quantile switch
        {
            0.5 => floor.P50Ns,
            0.99 => floor.P99Ns,
            0.999 => floor.P999Ns,
            _ => throw new InputException($"{source}: the floor has p50, p99 and p99.9, not p{quantile * 100:0.###}"),
        };
    }
}
