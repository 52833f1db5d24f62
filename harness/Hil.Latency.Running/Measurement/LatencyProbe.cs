using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Recording;
using Hil.Latency.Statistics;
using Hil.UserClients;
using Hil.UserClients.Probe;
using Hil.UserClients.Relay;
using Hil.UserClients.Rings;

namespace Hil.Latency.Measurement;

/// <summary>
/// Measures one topology through the probe dext's Driver1 and Driver2 clients, in
/// BenchmarkDotNet's order: <see cref="Open"/> validates and wires the topology once
/// (Configure, then the app relay or the shared ring); each <see cref="MeasureAsync"/> runs
/// one burst (reset, fault, StartBurst, drain the record ring until every message is
/// accounted for, read counters), then analyses it into a <see cref="LatencyRun"/>. Does not
/// own the clients.
/// </summary>
internal sealed class LatencyProbe : IDisposable
{
    private readonly ProbeDriverClient driver1;
    private readonly ProbeDriverClient driver2;
    private readonly TopologyLink link;
    private readonly RecordRingReader reader;
    private readonly AppRelay? relay;

    private LatencyProbe(ProbeDriverClient driver1, ProbeDriverClient driver2, TopologyLink link)
    {
        (this.driver1, this.driver2, this.link) = (driver1, driver2, link);
        (reader, relay) = (link.Records, link.Relay);
    }

    public TopologySetup Setup => link.Setup;

    public string TopologyName => TopologyNames.Format(Setup.Topology);

    /// <exception cref="InputException">The clients are not Driver1 and Driver2, or one-process was asked of drivers in two processes.</exception>
    public static LatencyProbe Open(ProbeDriverClient driver1, ProbeDriverClient driver2, TopologySetup setup) =>
        new(driver1, driver2, TopologyLink.Open(driver1, driver2, setup));

    /// <param name="companion">Started right after StartBurst, its floor read after the drain (the floor beside the topology); null = none.</param>
    public async Task<LatencyRun> MeasureAsync(MeasurementPlan plan, RunContext context, TimeProvider time, CancellationToken cancellationToken, IBurstCompanion? companion = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(time);
        plan.Validate();
        Prepare(plan);
        var accountant = new SequenceAccountant(plan.Total);
        var recorder = new LatencyRecorder();
        var sink = new RecordSink(accountant, recorder, plan.Warmup, plan.Mode);
        ProbeCounters c1;
        try
        {
            // The driver sends count + warm-up messages, the warm-up first (seqs 0..warmup-1).
            var before = MonotonicClock.NowNs();
            driver1.StartBurst((ulong)plan.Samples, plan.Mode == LoadMode.OpenLoop ? (uint)plan.RateHz : 0, (ulong)plan.Warmup);
            companion?.Start(BurstOrigin.FromCall(before, MonotonicClock.NowNs()), plan);
            (sink, c1) = await BurstDrain.RunAsync(reader, driver1, accountant, sink, plan, time, cancellationToken).ConfigureAwait(false);
            if (companion is not null)
            {
                var floor = await companion.ResultAsync().ConfigureAwait(false);
                context = context with
                {
                    Floor = floor,
                    HostConditions = context.HostConditions with { FloorTailRatio = HostConditions.TailRatioOf(floor.P50Ns, floor.P99Ns) },
                };
            }
        }
        finally
        {
            StopQuietly(plan);
        }

        relay?.ThrowIfFailed();
        var c2 = driver2.ReadCounters();
        var accounting = BurstAccounting.Settle(plan, accountant, sink, c1, c2, reader.Overflow, TopologyName);
        var metadata = new RunMetadata(
            new RunKey(context.Rig, TopologyName, context.DextVersion, context.OsBuild), context.Host, plan.Mode,
            plan.Mode == LoadMode.OpenLoop ? plan.RateHz : 0, plan.Samples, plan.Warmup, context.StartedUtc, context.Floor, context.InjectedDelay);
        var run = RunAnalysis.Analyse(metadata, recorder.Snapshot(), accounting, context.HostConditions);
        return run with
        {
            Warnings = [.. run.Warnings, .. BurstAccounting.Warnings(plan, accounting)],
            InjectedFaults = plan.Faults.Select(f => f.ToString()).ToList(),
        };
    }

    public void Dispose() => link.Dispose();

    private ProbeDriverClient DriverOf(ProbeRole role) => role == ProbeRole.Driver1 ? driver1 : driver2;

    private void Prepare(MeasurementPlan plan)
    {
        driver1.ResetCounters();
        driver2.ResetCounters();
        driver1.SetFault(ProbeFault.None, 0);
        driver2.SetFault(ProbeFault.None, 0);
        if (plan.InjectDelayNsPerHop > 0)
        {
            driver1.SetFault(ProbeFault.DelayPerHopNs, (ulong)plan.InjectDelayNsPerHop);
        }

        foreach (var fault in plan.Faults)
        {
            DriverOf(fault.Role).SetFault(fault.Kind, fault.Parameter);
        }

        // Records left from an earlier burst on this ring belong to no one now.
        Span<ProbeRecord> discard = stackalloc ProbeRecord[64];
        while (reader.Drain(discard) > 0)
        {
        }
    }

    private void StopQuietly(MeasurementPlan plan)
    {
        try
        {
            driver1.StopBurst();
            if (plan.InjectDelayNsPerHop > 0)
            {
                driver1.SetFault(ProbeFault.None, 0);
            }

            // A hang ends by itself; asking a hung user client to clear it would only wait out the call's timeout.
            foreach (var fault in plan.Faults.Where(f => f.Kind != ProbeFault.HangForMs))
            {
                DriverOf(fault.Role).SetFault(ProbeFault.None, 0);
            }
        }
        catch (UserClientException)
        {
            // The driver is gone or refuses: the measurement's own error says why; do not mask it.
        }
    }
}
