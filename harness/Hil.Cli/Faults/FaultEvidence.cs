using Hil.Dext;
using Hil.Latency.Files;
using Hil.Latency.Statistics;
using Hil.Power;
using Hil.Rigs;
using Hil.Sim.Relays;

namespace Hil.Cli.Faults;

/// <summary>
/// Whether a trial's outcome shows the fault the sim applied, rather than a run that merely ended well:
/// a message fault is named in the measurement file, a bus fault in what the sim USB bus says it did, a
/// missing floor tool as a run without a floor and the warning that says so; and, for every kind, that the
/// relays were left in the rig's safe state, or a board that vanished was reported as not restorable.
/// </summary>
internal static class FaultEvidence
{
    private static readonly string[] BusKinds = [FaultKinds.LateEnumerate, FaultKinds.ReplugRace];

    /// <summary>Null when <paramref name="run"/> shows <paramref name="fault"/>; else what is missing.</summary>
    public static string? NotShown(FaultSpec fault, LatencyRun run, IReadOnlyList<string> busApplied)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(busApplied);
        return fault.Kind switch
        {
            var bus when BusKinds.Contains(bus) => busApplied.Any(a => a.StartsWith(bus + " ", StringComparison.Ordinal))
                ? null : $"the sim USB bus did not apply {bus} (it applied: {string.Join("; ", busApplied)})",
            FaultKinds.FloorToolMissing => run.Floor is null && run.Warnings.Any(w => w.Code == LatencyWarning.FloorMissing)
                ? null : $"the run has {(run.Floor is null ? "no floor" : "a floor")} and no '{LatencyWarning.FloorMissing}' warning",
            FaultKinds.DropMessages when run.Accounting.DriverDropped == 0 => "no message was counted as dropped",
            _ => run.InjectedFaults.Any(f => f.Contains(fault.Kind, StringComparison.Ordinal))
                ? null : $"the measurement names no {fault.Kind} among its injected faults",
        };
    }

    /// <summary>Instances of one personality matched to one device more than once: a replug matched twice, or a stale instance kept.</summary>
    public static IReadOnlyList<string> DoubleMatches(IReadOnlyList<DriverInstance> registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return [.. registry.Where(i => i.MatchedDevice is not null).GroupBy(i => (i.Personality, i.MatchedDevice)).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Personality} on {g.Key.MatchedDevice} matched {g.Count()} times ({string.Join(", ", g.Select(i => i.InstanceId))})")];
    }

    /// <summary>
    /// Every channel of every board in the rig's safe state; a board that vanished cannot be switched, so
    /// for it the harness owes a report that names it as not restorable (a line of <paramref name="reports"/>).
    /// </summary>
    public static bool SafeStateRestoredOrReported(RigSpec rig, SimRelayOpener relays, IReadOnlyCollection<string> reports)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(relays);
        var on = rig.SafeState == SafeState.AllOn;
        var emulators = relays.Emulators;
        foreach (var spec in rig.Power.Values)
        {
            if (!emulators.TryGetValue(spec.Name, out var emulator))
            {
                continue;
            }

            if (relays.Faults(spec.Name).Vanished)
            {
                if (!reports.Any(r => r.Contains("safe state", StringComparison.Ordinal) && r.Contains($"board '{spec.Name}'", StringComparison.Ordinal)))
                {
                    return false;
                }

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
