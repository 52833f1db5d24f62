using System.Globalization;
using Hil.Latency.Files;
using Hil.Latency.Measurement;
using Hil.Latency.Statistics;
using Hil.UserClients.Probe;

namespace Hil.Latency.SimDirect;

/// <summary>One `hil latency` run on the sim: what to measure and where the binaries are.</summary>
public sealed record SimLatencyRequest(string RepositoryRoot, string Rig, string EntitlementToken, Topology Topology, MeasurementPlan Plan)
{
    public string DextVersion { get; init; } = "dev";

    public string OsBuild { get; init; } = HostInfo.OsBuild();

    /// <summary>Adds this % of the pre-run p50 per message at Driver1 (see <see cref="DelayInjection"/>).</summary>
    public double? InjectDelayPercent { get; init; }

    public bool MeasureFloor { get; init; } = true;

    public string SimHostBinary => DirectSimHost.DefaultBinary(RepositoryRoot);

    public string FloorBinary => FloorTool.DefaultBinary(RepositoryRoot);
}

/// <summary>
/// `--inject-delay PCT`: N = PCT % of the p50 of a short pre-run (min(2000, samples) messages,
/// same rate, no fault) of the same topology on the same processes, applied as fault kind 2
/// (add N ns per hop) on Driver1 only — one hop, before it stamps t_send and hands the
/// message on. Measuring the p50 first makes PCT mean "this much slower at the median" on
/// any host; a fraction of the hil-floor figure would not, since the floor is a different path.
/// </summary>
public static class DelayInjection
{
    public const long PreRunSamples = 2000;

    public static long NsPerHop(double percent, long preRunP50Ns) => (long)Math.Round(percent / 100.0 * preRunP50Ns);
}

/// <summary>Floor, sim host, optional delay pre-run, measurement: the whole of `hil latency` on the sim.</summary>
public static class SimLatencyRunner
{
    public static async Task<LatencyRun> RunAsync(SimLatencyRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(time);
        request.Plan.Validate();
        var loadBefore = HostConditions.ReadLoadPerCore();
        FloorFigures? floor = null;
        if (request.MeasureFloor)
        {
            var rate = request.Plan.Mode == LoadMode.OpenLoop ? request.Plan.RateHz : 1000;
            floor = await FloorTool.MeasureAsync(request.FloorBinary, request.Topology, request.Plan.Samples, rate, time, cancellationToken).ConfigureAwait(false);
        }

        using var host = await DirectSimHost.StartAsync(request.SimHostBinary, request.EntitlementToken, request.Topology, time, cancellationToken).ConfigureAwait(false);
        using var probe = LatencyProbe.Open(host.Driver1, host.Driver2, new ProbeSetup(request.Topology));
        var context = new RunContext(request.Rig, request.DextVersion, request.OsBuild, HostInfo.Name(), time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture))
        {
            Floor = floor,
            HostConditions = new HostConditions(loadBefore, floor is null || floor.P50Ns == 0 ? null : (double)floor.P99Ns / floor.P50Ns),
        };
        var plan = request.Plan;
        if (request.InjectDelayPercent is { } percent)
        {
            var pre = await probe.MeasureAsync(plan with { Samples = Math.Min(DelayInjection.PreRunSamples, plan.Samples), Warmup = Math.Min(plan.Warmup, 200), InjectDelayNsPerHop = 0 }, context, time, cancellationToken).ConfigureAwait(false);
            var ns = DelayInjection.NsPerHop(percent, pre.Summary.P50Ns);
            plan = plan with { InjectDelayNsPerHop = ns };
            context = context with { InjectedDelay = new InjectedDelay(percent, ns, $"{percent}% of p50 {pre.Summary.P50Ns} ns of a {pre.Summary.Count}-sample pre-run without delay, added once per message at Driver1") };
        }

        return await probe.MeasureAsync(plan, context, time, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Labels for the host a run was measured on.</summary>
public static class HostInfo
{
    public static string Name() => Environment.MachineName;

    /// <summary>The kernel release on Linux (/proc/sys/kernel/osrelease), the OS version elsewhere.</summary>
    public static string OsBuild()
    {
        const string release = "/proc/sys/kernel/osrelease";
        return File.Exists(release) ? File.ReadAllText(release).Trim() : Environment.OSVersion.Version.ToString();
    }
}
