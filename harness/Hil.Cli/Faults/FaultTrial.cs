using System.Collections.Concurrent;
using Hil.Dext;
using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Running;
using Hil.Rigs;
using Hil.Session;
using Hil.Session.Backends;
using Hil.Sim;

namespace Hil.Cli.Faults;

/// <summary>What one injection of one fault came to.</summary>
/// <param name="Seen">The class the run ended in: a fault tag, <see cref="FaultScenario.Measured"/>, or what else happened.</param>
/// <param name="SafeStateRestored">Every channel of every relay emulator was in the rig's safe state once the session ended; a board that vanished was reported as not restorable, by name.</param>
/// <param name="Orphans">Processes the trial started that still ran after it.</param>
/// <param name="Leaks">Shared memory and socket or log folders left in shared places after it.</param>
/// <param name="ResultsValid">The measurement (when there was one) reads back under the gate's checks.</param>
/// <param name="ExitCode">What `hil latency` exits with for this outcome (<see cref="CliInvocation"/>).</param>
/// <param name="Detail">The error, or the measurement's headline, for the log.</param>
internal sealed record TrialResult(
    string Seen, bool SafeStateRestored, IReadOnlyList<string> Orphans, IReadOnlyList<string> Leaks, bool ResultsValid, int ExitCode, string Detail);

/// <summary>
/// One injection: the rig with the scenario's fault, a rig session and a latency run as `hil latency`
/// makes them (same backend, same session, same unwinding: <see cref="SessionScope"/>), then what the
/// session left behind.
/// </summary>
internal static class FaultTrial
{
    public static async Task<TrialResult> RunAsync(FaultScenario scenario, LatencyRequest request, RigSessionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(request);
        var rig = scenario.Apply(request.Rig);
        var factory = new SimRigPartsFactory(rig, options.Time);
        var watch = TrialLeftovers.Start();

        // What the session reports besides its error (a safe state it could not restore) is evidence too.
        var reports = new ConcurrentQueue<string>();
        var trialOptions = options with { Log = line => { reports.Enqueue(line); options.Log(line); } };
        var (seen, exit, detail, valid) = await OutcomeAsync(
            rig, factory, request with { Rig = rig, MeasureFloor = scenario.MeasuresFloor }, trialOptions, watch, cancellationToken).ConfigureAwait(false);
        var (orphans, leaks) = await watch.AfterAsync(options.Time, cancellationToken).ConfigureAwait(false);
        var restored = FaultEvidence.SafeStateRestoredOrReported(rig, factory.Relays, [.. reports, detail]);
        return new TrialResult(seen, restored, orphans, leaks, valid, exit, detail);
    }

    private static async Task<(string Seen, int Exit, string Detail, bool Valid)> OutcomeAsync(
        RigSpec rig, SimRigPartsFactory factory, LatencyRequest request, RigSessionOptions options, TrialLeftovers watch, CancellationToken cancellationToken)
    {
        RigSession? session = null;
        try
        {
            session = await RigSession.OpenAsync(rig, factory, options, cancellationToken).ConfigureAwait(false);
            watch.Track(session);
            var (run, registry) = await SessionScope.RunAsync(session, async () =>
            {
                var run = await RigLatencyRunner.RunAsync(session, request, options.Time, cancellationToken).ConfigureAwait(false);
                return (run, await session.Dext.QueryRegistryAsync(cancellationToken).ConfigureAwait(false));
            }, options.Log).ConfigureAwait(false);
            var bus = session.Devices is SimUsbBus simBus ? simBus.AppliedFaults : [];
            return Measured(run, request, bus, registry);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HilException ex)
        {
            return (ex.Tag, CliInvocation.ExitCodeFor(ex.Fault), ex.Message + KernelLogOf(session), true);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is HilException))
        {
            // As the CLI reports it: every failure of a session that failed to shut down, the worst one's code.
            var worst = ex.InnerExceptions.Cast<HilException>().MaxBy(e => CliInvocation.ExitCodeFor(e.Fault))!;
            return (worst.Tag, CliInvocation.ExitCodeFor(worst.Fault), string.Join("; ", ex.InnerExceptions.Select(e => e.Message)), true);
        }
        catch (Exception ex)
        {
            // What the CLI would not catch: the runtime ends the process with an unhandled exception (SIGABRT, 134).
            return ($"unhandled {ex.GetType().Name}", 134, ex.ToString(), false);
        }
    }

    /// <summary>The sim kernel's last decisions, for the report of a run that ended otherwise than expected.</summary>
    private static string KernelLogOf(RigSession? session)
    {
        try
        {
            return session?.Dext is SimKernel kernel ? $" (sim kernel: {string.Join(" | ", kernel.KernelLog.TakeLast(12))})" : "";
        }
        catch (InputException)
        {
            return ""; // a session without a dext has no kernel
        }
    }

    private static (string, int, string, bool) Measured(LatencyRun run, LatencyRequest request, IReadOnlyList<string> bus, IReadOnlyList<DriverInstance> registry)
    {
        bool valid;
        try
        {
            LatencyRunFile.FromJson(LatencyRunFile.ToJson(run), $"the measurement of {request.Rig.SourcePath}");
            valid = true;
        }
        catch (InputException)
        {
            valid = false;
        }

        var fault = request.Rig.Sim!.Faults[0];
        var notShown = FaultEvidence.NotShown(fault, run, bus);
        var twice = FaultEvidence.DoubleMatches(registry);
        var seen = notShown is not null ? $"{FaultScenario.Measured} without the fault showing"
            : twice.Count > 0 ? $"{FaultScenario.Measured} with a device matched twice"
            : FaultScenario.Measured;
        var a = run.Accounting;
        var why = string.Join("; ", new[] { notShown }.Concat(twice).OfType<string>());
        return (seen, CliInvocation.Ok, $"sent {a.Sent} received {a.Received} lost {a.Lost} (driver dropped {a.DriverDropped}); p50 {run.Summary.P50Ns} ns; faults: {string.Join(", ", run.InjectedFaults)}; sim: {string.Join("; ", bus)}{(why.Length > 0 ? $"; {why}" : "")}", valid);
    }
}
