using System.Globalization;
using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Measurement;
using Hil.Latency.Statistics;
using Hil.Session;
using Hil.Session.Backends;
using Hil.Session.Probe;
using Hil.Sim;
using Hil.UserClients.Probe;

namespace Hil.Latency.Running;

/// <summary>
/// A latency measurement on a rig: the rig made ready (dext
/// activated, devices enumerated), the topology's driver pair found in the registry and wired
/// as the app does, an optional delay pre-run, then the paced burst with this host's floor for
/// the topology's primitive measured beside it (<see cref="BesideFloor"/>). The same path serves
/// `hil latency` and the InterDriverLatency fixture, on the sim rig and on a Mac.
/// </summary>
public static class RigLatencyRunner
{
    /// <summary>Leases the rig named in the request for this one measurement.</summary>
    public static async Task<LatencyRun> RunAsync(LatencyRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var session = await RigBackends.OpenSessionAsync(request.Rig, new RigSessionOptions { Time = time }, cancellationToken).ConfigureAwait(false);
        return await RunAsync(session, request, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Measures on a session the caller holds.</summary>
    public static async Task<LatencyRun> RunAsync(RigSession session, LatencyRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(time);
        request.Plan.Validate();
        var loadBefore = HostConditions.ReadLoadPerCore();
        // The sim's fault plan says where its host has hil-floor (floor-tool-missing: nowhere).
        var binary = SimFaultPlan.From(session.Rig).FloorTool(FloorTool.DefaultBinary(RepositoryRoot.Find()));
        var missing = request.MeasureFloor ? FloorTool.Missing(binary) : null;
        var measureFloor = request.MeasureFloor && missing is null;
        var floorBeside = measureFloor && FloorBeside(request);
        var floor = measureFloor && !floorBeside ? await FloorAloneAsync(binary, request, time, cancellationToken).ConfigureAwait(false) : null;
        var registry = await RigReadiness.DextWithAllDevicesAsync(session, RigReadiness.DirectAsync, cancellationToken).ConfigureAwait(false);
        var endpoints = TopologyEndpoints.From(registry, request.Topology);
        var crash = DriverCrash.Watch(endpoints);
        try
        {
            var run = await MeasureAsync(session, request, endpoints, floor, loadBefore, floorBeside ? binary : null, time, cancellationToken).ConfigureAwait(false);
            return missing is null ? run : run with { Warnings = [.. run.Warnings, missing] };
        }
        catch (HilException ex) when (ex.Fault == FaultKind.RigFault && !cancellationToken.IsCancellationRequested)
        {
            throw await crash.ExplainAsync(ex, time).ConfigureAwait(false) ?? (Exception)ex;
        }
    }

    private static async Task<LatencyRun> MeasureAsync(
        RigSession session, LatencyRequest request, TopologyEndpoints endpoints, FloorFigures? floor, double? loadBefore, string? besideBinary,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (driver1, driver2) = endpoints.Open(session, TimeSpan.FromSeconds(10));
        using (driver1)
        using (driver2)
        using (var probe = LatencyProbe.Open(driver1, driver2, request.Setup))
        {
            var context = new RunContext(session.Rig.Name, request.DextVersion, request.OsBuild, HostInfo.Name(), time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture))
            {
                Floor = floor,
                HostConditions = new HostConditions(loadBefore, HostConditions.TailRatioOf(floor?.P50Ns, floor?.P99Ns)),
            };
            var plan = request.Plan with { Faults = [.. request.Plan.Faults, .. RigMessageFaults.For(session.Rig, request.Topology)] };
            if (request.InjectDelayPercent is { } percent)
            {
                (plan, context) = await WithInjectedDelayAsync(probe, plan, context, percent, time, cancellationToken).ConfigureAwait(false);
            }

            await using var beside = besideBinary is not null ? FloorTool.Beside(besideBinary, request.Topology, time, cancellationToken) : null;
            return await probe.MeasureAsync(plan, context, time, cancellationToken, beside).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The floor runs beside the paced burst, except where the two would measure each other:
    /// a closed-loop burst has no schedule to interleave with, and a topology's row may place it alone.
    /// </summary>
    internal static bool FloorBeside(LatencyRequest request) =>
        request.Plan.Mode == LoadMode.OpenLoop && Topologies.Of(request.Topology).Floor == FloorPlacement.BesideBurst;

    /// <summary>The floor alone, right before the burst, paced like it (closed loop: at 1 kHz).</summary>
    private static Task<FloorFigures> FloorAloneAsync(string binary, LatencyRequest request, TimeProvider time, CancellationToken cancellationToken) =>
        FloorTool.MeasureAsync(binary, request.Topology, request.Plan.Samples, request.Plan.Mode == LoadMode.OpenLoop ? request.Plan.RateHz : 1000, time, cancellationToken);

    private static async Task<(MeasurementPlan, RunContext)> WithInjectedDelayAsync(
        LatencyProbe probe, MeasurementPlan plan, RunContext context, double percent, TimeProvider time, CancellationToken cancellationToken)
    {
        var prePlan = plan with { Samples = Math.Min(DelayInjection.PreRunSamples, plan.Samples), Warmup = Math.Min(plan.Warmup, 200), InjectDelayNsPerHop = 0 };
        var pre = await probe.MeasureAsync(prePlan, context, time, cancellationToken).ConfigureAwait(false);
        var wanted = DelayInjection.NsPerHop(percent, pre.Summary.P50Ns);
        var ns = plan.Mode == LoadMode.OpenLoop ? Math.Min(wanted, DelayInjection.MaxNsPerHop(plan.RateHz)) : wanted;
        var capped = ns < wanted ? $"; capped from {DurationText.Of(wanted)} at half the {plan.RateHz:N0} Hz period" : "";
        var basis = $"{percent}% of p50 {DurationText.Of(pre.Summary.P50Ns)} of a {pre.Summary.Count:N0}-sample pre-run without delay, added once per message at Driver1{capped}";
        return (plan with { InjectDelayNsPerHop = ns }, context with { InjectedDelay = new InjectedDelay(percent, ns, basis) });
    }
}
