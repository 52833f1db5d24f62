using Hil.Foundation;
using Hil.Foundation.Processes;

namespace Hil.Latency.Measurement;

/// <summary>
/// How far ahead of the burst's first message a floor beside it is told to start. hil-floor
/// refuses a start less than 20 ms ahead of its own launch, and on a loaded host a launch alone
/// takes longer than a fixed 100 ms lead (issue 15: `--start-ns … is less than 20 ms from now`).
/// So the lead is a multiple of this host's launch latency, measured while the rig gets ready,
/// never under 100 ms, and never past half the burst, so the floor still measures most of it.
/// </summary>
internal static class FloorStartLead
{
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(100);

    /// <summary>When the launch was not measured in time: the host is too slow to guess closer.</summary>
    public static readonly TimeSpan Unmeasured = TimeSpan.FromSeconds(2);

    /// <summary>A launch under load varies from one to the next; this many launches of margin.</summary>
    public const int LaunchMultiple = 5;

    /// <summary>
    /// The time to start and end the binary once (it stops at the first bad argument, before any
    /// work): what a launch costs on this host now. Null when it could not be measured.
    /// </summary>
    public static async Task<TimeSpan?> MeasureLaunchAsync(string binary, TimeProvider time, CancellationToken cancellationToken)
    {
        var command = new ProcessCommand(binary, "--launch-latency-check")
        {
            Timeout = TimeSpan.FromSeconds(30),
            WaitedFor = $"{Path.GetFileName(binary)} to start and stop once (its launch latency, for the beside floor's start lead)",
        };
        try
        {
            return (await ProcessRunner.RunAsync(command, time, cancellationToken).ConfigureAwait(false)).Elapsed;
        }
        catch (HilException)
        {
            // Missing or stuck: the floor's own run says why; the lead falls back to Unmeasured.
            return null;
        }
    }

    /// <summary>The lead for a burst of <paramref name="plan"/> given the measured launch (null: not measured yet).</summary>
    public static TimeSpan For(TimeSpan? launch, MeasurementPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var wanted = launch is { } l ? l * LaunchMultiple : Unmeasured;
        var halfBurst = TimeSpan.FromSeconds((plan.Warmup + plan.Samples) / 2.0 / Math.Max(1, plan.RateHz));
        var cap = halfBurst > Minimum ? halfBurst : Minimum;
        return wanted < Minimum ? Minimum : wanted > cap ? cap : wanted;
    }
}
