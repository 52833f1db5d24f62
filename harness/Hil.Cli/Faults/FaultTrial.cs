using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Running;
using Hil.Rigs;
using Hil.Session;
using Hil.Session.Backends;

namespace Hil.Cli.Faults;

/// <summary>What one injection of one fault came to.</summary>
/// <param name="Seen">The class the run ended in: a fault tag, <see cref="FaultScenario.Measured"/>, or what else happened.</param>
/// <param name="SafeStateRestored">Every channel of every relay emulator was in the rig's safe state once the session ended.</param>
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
        var (seen, exit, detail, valid) = await OutcomeAsync(rig, factory, request with { Rig = rig }, options, watch, cancellationToken).ConfigureAwait(false);
        var (orphans, leaks) = await watch.AfterAsync(options.Time, cancellationToken).ConfigureAwait(false);
        return new TrialResult(seen, InSafeState(rig, factory), orphans, leaks, valid, exit, detail);
    }

    private static async Task<(string Seen, int Exit, string Detail, bool Valid)> OutcomeAsync(
        RigSpec rig, SimRigPartsFactory factory, LatencyRequest request, RigSessionOptions options, TrialLeftovers watch, CancellationToken cancellationToken)
    {
        try
        {
            var session = await RigSession.OpenAsync(rig, factory, options, cancellationToken).ConfigureAwait(false);
            watch.Track(session);
            var run = await SessionScope.RunAsync(session, () => RigLatencyRunner.RunAsync(session, request, options.Time, cancellationToken), options.Log)
                .ConfigureAwait(false);
            return Measured(run, request);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HilException ex)
        {
            return (ex.Tag, CliInvocation.ExitCodeFor(ex.Fault), ex.Message, true);
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

    private static (string, int, string, bool) Measured(LatencyRun run, LatencyRequest request)
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
        var named = run.InjectedFaults.Any(f => f.Contains(fault.Kind, StringComparison.Ordinal));
        var dropsCounted = fault.Kind != FaultKinds.DropMessages || run.Accounting.DriverDropped > 0;
        var seen = named && dropsCounted ? FaultScenario.Measured : $"{FaultScenario.Measured} without the fault showing";
        var a = run.Accounting;
        return (seen, CliInvocation.Ok, $"sent {a.Sent} received {a.Received} lost {a.Lost} (driver dropped {a.DriverDropped}); p50 {run.Summary.P50Ns} ns; faults: {string.Join(", ", run.InjectedFaults)}", valid);
    }

    private static bool InSafeState(RigSpec rig, SimRigPartsFactory factory)
    {
        var on = rig.SafeState == SafeState.AllOn;
        foreach (var spec in rig.Power.Values)
        {
            if (!factory.Relays.Emulators.TryGetValue(spec.Name, out var emulator))
            {
                continue;
            }

            for (var channel = PowerKinds.FirstChannel(spec.Kind); channel <= PowerKinds.LastChannel(spec.Kind, spec.Channels); channel++)
            {
                if (emulator.IsOn(channel) != on)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
