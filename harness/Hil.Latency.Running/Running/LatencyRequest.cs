using Hil.Latency.Measurement;
using Hil.Rigs;
using Hil.UserClients.Probe;

namespace Hil.Latency.Running;

/// <summary>One measurement on a rig: which topology, how many messages at what rate, and its labels.</summary>
public sealed record LatencyRequest(RigSpec Rig, Topology Topology, MeasurementPlan Plan)
{
    /// <summary>
    /// A request labelled with the dext version baselines are keyed by: <paramref name="dextVersion"/>,
    /// else the rig's Info.plist CFBundleVersion, else "dev". Every measurement that may meet a
    /// baseline (hil latency, the latency and gate suites) is made through here, so they share keys.
    /// </summary>
    public static LatencyRequest For(RigSpec rig, Topology topology, MeasurementPlan plan, string? dextVersion = null) =>
        new(rig, topology, plan) { DextVersion = dextVersion ?? DextVersionOf(rig) };

    /// <summary>The rig's dext version as results and baselines name it: its Info.plist CFBundleVersion, else "dev".</summary>
    public static string DextVersionOf(RigSpec rig)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var dext = rig.Dext ?? throw new Foundation.InputException($"{rig.SourcePath}: the rig declares no dext: section; latency needs the dext and its entitlement token");
        var plist = Path.Combine(Foundation.RepositoryRoot.Find(), dext.PlistPath);
        // Read with the rig's roles: a team's plist has no HILRole for the plain reader to find.
        return File.Exists(plist) && Dext.DextPlist.LoadForRig(dext).BundleVersion is { Length: > 0 } v ? v : "dev";
    }

    public string DextVersion { get; init; } = "dev";

    public string OsBuild { get; init; } = HostInfo.OsBuild();

    /// <summary>Adds this % of the pre-run p50 per message at Driver1 (see <see cref="DelayInjection"/>).</summary>
    public double? InjectDelayPercent { get; init; }

    /// <summary>Run hil-floor for this request: beside the burst when paced, before it when closed loop.</summary>
    public bool MeasureFloor { get; init; } = true;

    /// <summary>How Driver2 waits on the shared ring: spin (what the shm floor does) or bounded spin then a futex doorbell.</summary>
    public Doorbell Doorbell { get; init; } = Doorbell.Spin;

    public TopologySetup Setup => new(Topology) { Doorbell = Doorbell };
}

/// <summary>
/// `--inject-delay PCT`: N = PCT % of the p50 of a short pre-run (min(2000, samples) messages,
/// same rate, no fault) of the same topology on the same processes, applied as fault kind 2
/// (add N ns per hop) on Driver1 only — one hop, before it stamps t_send and hands the
/// message on. Measuring the p50 first makes PCT mean "this much slower at the median" on
/// any host; a fraction of the hil-floor figure would not, since the floor is a different path.
/// </summary>
internal static class DelayInjection
{
    public const long PreRunSamples = 2000;

    public static long NsPerHop(double percent, long preRunP50Ns) => (long)Math.Round(percent / 100.0 * preRunP50Ns);

    /// <summary>
    /// The most a paced run can be delayed per message: half its period. Driver1 spends the delay
    /// before each hand-off, so a delay near the period would turn a latency regression into a
    /// throughput collapse (seen: a pre-run taken while the host stalled had p50 3 ms, and 1000 % of
    /// it, 30 ms per message at 2 kHz, let Driver1 send 388 of 5500 messages before the drain gave up).
    /// </summary>
    public static long MaxNsPerHop(int rateHz) => 1_000_000_000L / Math.Max(1, rateHz) / 2;
}

/// <summary>Labels for the host a run was measured on.</summary>
internal static class HostInfo
{
    public static string Name() => Environment.MachineName;

    /// <summary>The kernel release on Linux (/proc/sys/kernel/osrelease), the OS version elsewhere.</summary>
    public static string OsBuild()
    {
        const string release = "/proc/sys/kernel/osrelease";
        return File.Exists(release) ? File.ReadAllText(release).Trim() : Environment.OSVersion.Version.ToString();
    }
}
