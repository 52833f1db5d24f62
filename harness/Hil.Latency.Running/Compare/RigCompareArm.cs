using System.Globalization;
using Hil.Foundation;
using Hil.Latency.Compare;
using Hil.Latency.Files;
using Hil.Latency.Measurement;
using Hil.Latency.Statistics;
using Hil.Session;
using Hil.Session.Backends;
using Hil.Session.Probe;
using Hil.UserClients.Probe;

namespace Hil.Latency.Running.Compare;

/// <summary>
/// An arm on a rig: its own session (on the sim: its own relay emulator, bus, kernel and sim
/// hosts, so both builds are loaded at once without sharing a process), made ready and wired
/// once, then measured burst after burst through the same <see cref="LatencyProbe"/> the
/// latency runner uses, with the floor beside each burst as <see cref="RigLatencyRunner"/> places it.
/// </summary>
internal sealed class RigCompareArm : ICompareArm
{
    private readonly CompareArm arm;
    private readonly RigSession session;
    private readonly ProbeDriverClient driver1;
    private readonly ProbeDriverClient driver2;
    private readonly LatencyProbe probe;
    private readonly LatencyRequest request;
    private readonly TimeProvider time;
    private readonly Action<string> progress;
    private bool floorFailed;
    private int bursts;

    /// <summary>
    /// A floor that cannot run beside the burst (shared-ring's: its consumer spins too) runs
    /// before it and took as long as the burst: measured before every burst it halved the blocks
    /// per minute (5 s a block against app-relay's 2.1 s, 2026-12-03). Before every fourth burst of
    /// the arm it still shows the host's floor through the comparison, at a fraction of the time.
    /// </summary>
    private const int AloneFloorEvery = 4;

    private RigCompareArm(
        CompareArm arm, RigSession session, (ProbeDriverClient, ProbeDriverClient) drivers, LatencyRequest request, TimeProvider time, Action<string> progress)
    {
        (this.arm, this.session, this.request, this.time, this.progress) = (arm, session, request, time, progress);
        (driver1, driver2) = drivers;
        probe = LatencyProbe.Open(driver1, driver2, request.Setup);
    }

    public static async Task<ICompareArm> OpenAsync(
        CompareRequest compare, CompareArm arm, TimeProvider time, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compare);
        var session = await RigBackends.OpenSessionAsync(compare.RigFor(arm), new RigSessionOptions { Time = time }, cancellationToken).ConfigureAwait(false);
        (ProbeDriverClient, ProbeDriverClient)? drivers = null;
        try
        {
            var registry = await RigReadiness.DextWithAllDevicesAsync(session, RigReadiness.DirectAsync, cancellationToken).ConfigureAwait(false);
            drivers = TopologyEndpoints.From(registry, compare.Topology).Open(session, TimeSpan.FromSeconds(10));
            var request = LatencyRequest.For(session.Rig, compare.Topology, compare.Burst) with { Doorbell = compare.Doorbell };
            var plan = request.Plan with { Faults = [.. request.Plan.Faults, .. RigMessageFaults.For(session.Rig, compare.Topology)] };
            return new RigCompareArm(arm, session, drivers.Value, request with { Plan = plan, MeasureFloor = compare.MeasureFloor }, time, progress);
        }
        catch
        {
            drivers?.Item1.Dispose();
            drivers?.Item2.Dispose();
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The floor is the comparison's context, not its evidence: when hil-floor fails (seen at
    /// load 40 on 2 cores: it could not start within the burst's lead) the burst
    /// is measured again without it, and this arm measures no more floors.
    /// </summary>
    public async Task<CompareBurst> BurstAsync(CancellationToken cancellationToken)
    {
        var withFloor = request.MeasureFloor && !floorFailed;
        try
        {
            return await MeasureAsync(withFloor, cancellationToken).ConfigureAwait(false);
        }
        catch (InfrastructureException e) when (withFloor)
        {
            floorFailed = true;
            progress($"  {CompareRequest.ArmName(arm)}: the floor beside the burst failed, measuring on without floors: {e.Message}");
            return await MeasureAsync(withFloor: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CompareBurst> MeasureAsync(bool withFloor, CancellationToken cancellationToken)
    {
        var beside = withFloor && RigLatencyRunner.FloorBeside(request);
        var binary = FloorTool.DefaultBinary(RepositoryRoot.Find());
        var alone = withFloor && !beside && bursts++ % AloneFloorEvery == 0;
        var floor = alone ? await FloorTool.MeasureAsync(binary, request.Topology, request.Plan.Samples, request.Plan.RateHz, time, cancellationToken).ConfigureAwait(false) : null;
        var context = new RunContext(session.Rig.Name, request.DextVersion, request.OsBuild, HostInfo.Name(), time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture))
        {
            Floor = floor,
            HostConditions = new HostConditions(HostConditions.ReadLoadPerCore(), HostConditions.TailRatioOf(floor?.P50Ns, floor?.P99Ns)),
        };
        await using var companion = beside ? FloorTool.Beside(binary, request.Topology, time, cancellationToken) : null;
        var run = await probe.MeasureAsync(request.Plan, context, time, cancellationToken, companion).ConfigureAwait(false);
        var s = run.Summary;
        return new CompareBurst(arm, s.P50Ns, s.P99Ns, run.Floor?.P50Ns, run.Floor?.P99Ns);
    }

    public async ValueTask DisposeAsync()
    {
        probe.Dispose();
        driver1.Dispose();
        driver2.Dispose();
        await session.DisposeAsync().ConfigureAwait(false);
    }
}
