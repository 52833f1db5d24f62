using Hil.Latency.Files;
using Hil.Latency.Measurement;

namespace Hil.Latency.Running;

/// <summary>
/// The floor measured beside the topology: hil-floor runs its one primitive during the
/// topology's burst, at the same rate, each floor message due half a period after a
/// topology message. Why: on a VM the cost of a wake-up depends on whether the woken core
/// is idle, so a floor measured at another time (alone, or beside hil-floor's own spinning
/// shm consumer) sees another host; interleaved, the floor and the topology share whatever
/// the host is doing, and their ratio is about the hops, not the moment.
/// </summary>
internal sealed class BesideFloor : IBurstCompanion
{
    private readonly string binary;
    private readonly string primitive;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stop;
    private readonly Task<TimeSpan?> launch;
    private Task<string>? run;
    private string command = "";

    internal BesideFloor(string binary, string primitive, TimeProvider time, CancellationToken cancellationToken)
    {
        (this.binary, this.primitive, this.time) = (binary, primitive, time);
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Measured while the rig gets ready, so Start (right after StartBurst answered) only reads it.
        launch = FloorStartLead.MeasureLaunchAsync(binary, time, stop.Token);
    }

    public void Start(BurstOrigin origin, MeasurementPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (run is not null)
        {
            throw new InvalidOperationException("a beside floor runs beside one burst only");
        }

        var lead = FloorStartLead.For(launch.IsCompletedSuccessfully ? launch.Result : null, plan);
        var schedule = BesideSchedule.For(origin, plan, lead);
        string[] args = [.. FloorTool.Arguments(schedule.Samples, schedule.RateHz),
            "--warmup", FloorTool.Text(schedule.Warmup), "--start-ns", FloorTool.Text(schedule.StartNs), "--only", primitive];
        command = $"{binary} {string.Join(' ', args)}";
        run = FloorTool.RunAsync(binary, args, schedule.Warmup + schedule.Samples, schedule.RateHz, time, stop.Token);
    }

    public async Task<FloorFigures> ResultAsync()
    {
        var json = await (run ?? throw new InvalidOperationException("the beside floor was not started")).ConfigureAwait(false);
        return FloorTool.Parse(json, primitive, command) with { Placement = FloorPlacements.Beside };
    }

    /// <summary>Stops hil-floor (and its floor processes) if it still runs, e.g. after the burst failed.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        foreach (var task in new Task?[] { launch, run }.OfType<Task>())
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or Foundation.HilException)
            {
                // Stopped on purpose, or already failed: the measurement's own error says why.
            }
        }

        stop.Dispose();
    }
}

/// <summary>
/// When the beside floor's messages are due: its message k half a period after the
/// topology's message <c>lead + k</c>, so its measured messages (after its warm-up) fall
/// between the topology's measured ones. <c>lead</c> leaves hil-floor time to start (<see cref="FloorStartLead"/>).
/// </summary>
internal sealed record BesideSchedule(long StartNs, int RateHz, long Warmup, long Samples, long PhaseUncertaintyNs)
{
    public static BesideSchedule For(BurstOrigin origin, MeasurementPlan plan) => For(origin, plan, FloorStartLead.Minimum);

    public static BesideSchedule For(BurstOrigin origin, MeasurementPlan plan, TimeSpan startLead)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Mode != LoadMode.OpenLoop)
        {
            throw new Foundation.InputException("a floor beside the burst needs an open-loop (paced) burst");
        }

        var periodNs = 1e9 / plan.RateHz;
        var lead = (long)Math.Ceiling(startLead.TotalNanoseconds / periodNs);
        var samples = plan.Samples - Math.Max(0, lead - plan.Warmup);
        if (samples < 1)
        {
            throw new Foundation.InputException($"{plan.Samples} samples at {plan.RateHz} Hz end before a floor beside them could start ({startLead.TotalMilliseconds} ms)");
        }

        var start = origin.EstimateNs + (long)Math.Round((lead + 0.5) * periodNs);
        return new BesideSchedule(start, plan.RateHz, Math.Max(0, plan.Warmup - lead), samples, origin.UncertaintyNs);
    }
}
