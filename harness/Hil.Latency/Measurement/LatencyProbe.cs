using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Recording;
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
public sealed class LatencyProbe : IDisposable
{
    private readonly ProbeDriverClient driver1;
    private readonly ProbeDriverClient driver2;
    private readonly IMappedMemory recordRing;
    private readonly RecordRingReader reader;
    private readonly IMappedMemory? sharedRing;
    private readonly AppRelay? relay;

    private LatencyProbe(ProbeDriverClient driver1, ProbeDriverClient driver2, ProbeSetup setup, IMappedMemory recordRing, IMappedMemory? sharedRing, AppRelay? relay)
    {
        (this.driver1, this.driver2, Setup, this.recordRing, this.sharedRing, this.relay) = (driver1, driver2, setup, recordRing, sharedRing, relay);
        reader = new RecordRingReader(recordRing);
    }

    public ProbeSetup Setup { get; }

    public string TopologyName => TopologyNames.Format(Setup.Topology);

    /// <exception cref="InputException">The clients are not Driver1 and Driver2, or one-process was asked of drivers in two processes.</exception>
    public static LatencyProbe Open(ProbeDriverClient driver1, ProbeDriverClient driver2, ProbeSetup setup)
    {
        ArgumentNullException.ThrowIfNull(driver1);
        ArgumentNullException.ThrowIfNull(driver2);
        ArgumentNullException.ThrowIfNull(setup);
        var s1 = driver1.OpenSession();
        var s2 = driver2.OpenSession();
        RequireRole(driver1, s1, ProbeRole.Driver1);
        RequireRole(driver2, s2, ProbeRole.Driver2);
        if (setup.Topology == Topology.OneProcess && !s1.OneProcessPeerPresent)
        {
            throw new InputException($"one-process needs Driver1 and Driver2 in one process, but {driver1.Endpoint} (pid {s1.Pid}) has no peer in its process (Driver2 is pid {s2.Pid})");
        }

        driver2.Configure(setup.Topology, setup.ReportLength, setup.Doorbell);
        driver1.Configure(setup.Topology, setup.ReportLength, setup.Doorbell);
        var recordRing = driver2.MapRecordRing();
        IMappedMemory? sharedRing = null;
        AppRelay? relay = null;
        try
        {
            if (setup.Topology == Topology.SharedRing)
            {
                sharedRing = driver2.MapSharedRing(setup.SharedRingCapacity);
                driver1.HandOverSharedRing(sharedRing.Name, setup.SharedRingCapacity);
            }
            else if (setup.Topology == Topology.AppRelay)
            {
                relay = new AppRelay(driver1, driver2);
                relay.Start();
            }

            return new LatencyProbe(driver1, driver2, setup, recordRing, sharedRing, relay);
        }
        catch
        {
            sharedRing?.Dispose();
            recordRing.Dispose();
            throw;
        }
    }

    public async Task<LatencyRun> MeasureAsync(MeasurementPlan plan, RunContext context, TimeProvider time, CancellationToken cancellationToken)
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
            driver1.StartBurst((ulong)plan.Samples, plan.Mode == LoadMode.OpenLoop ? (uint)plan.RateHz : 0, (ulong)plan.Warmup);
            (sink, c1) = await BurstDrain.RunAsync(reader, driver1, accountant, sink, plan, time, cancellationToken).ConfigureAwait(false);
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
        return run with { Warnings = [.. run.Warnings, .. BurstAccounting.Warnings(plan, accounting)] };
    }

    public void Dispose()
    {
        sharedRing?.Dispose();
        recordRing.Dispose();
    }

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
        }
        catch (UserClientException)
        {
            // The driver is gone or refuses: the measurement's own error says why; do not mask it.
        }
    }

    private static void RequireRole(ProbeDriverClient client, ProbeSession session, ProbeRole expected)
    {
        if (session.Role != expected)
        {
            throw new InputException($"{client.Endpoint} is {session.Role} (pid {session.Pid}), expected {expected}");
        }
    }
}
