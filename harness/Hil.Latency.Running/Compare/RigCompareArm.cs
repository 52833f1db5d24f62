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

    private RigCompareArm(CompareArm arm, RigSession session, (ProbeDriverClient, ProbeDriverClient) drivers, LatencyRequest request, TimeProvider time)
    {
        (this.arm, this.session, this.request, this.time) = (arm, session, request, time);
        (driver1, driver2) = drivers;
        probe = LatencyProbe.Open(driver1, driver2, request.Setup);
    }

    public static async Task<ICompareArm> OpenAsync(CompareRequest compare, CompareArm arm, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compare);
        var session = await RigBackends.OpenSessionAsync(compare.RigFor(arm), new RigSessionOptions { Time = time }, cancellationToken).ConfigureAwait(false);
        (ProbeDriverClient, ProbeDriverClient)? drivers = null;
        try
        {
            var registry = await RigReadiness.DextWithAllDevicesAsync(session, RigReadiness.DirectAsync, cancellationToken).ConfigureAwait(false);
            drivers = TopologyEndpoints.From(registry, compare.Topology).Open(session, TimeSpan.FromSeconds(10));
            var request = LatencyRequest.For(session.Rig, compare.Topology, compare.Burst);
            var plan = request.Plan with { Faults = [.. request.Plan.Faults, .. RigMessageFaults.For(session.Rig, compare.Topology)] };
            return new RigCompareArm(arm, session, drivers.Value, request with { Plan = plan }, time);
        }
        catch
        {
            drivers?.Item1.Dispose();
            drivers?.Item2.Dispose();
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<CompareBurst> BurstAsync(CancellationToken cancellationToken)
    {
        var beside = RigLatencyRunner.FloorBeside(request);
        var binary = FloorTool.DefaultBinary(RepositoryRoot.Find());
        var floor = beside ? null : await FloorTool.MeasureAsync(binary, request.Topology, request.Plan.Samples, request.Plan.RateHz, time, cancellationToken).ConfigureAwait(false);
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
