using Hil.Foundation;
using Hil.Rigs;
using Hil.Sim;
using Hil.UserClients.Probe;

namespace Hil.Cli.Faults;

/// <summary>
/// Every kind of <see cref="FaultKinds.All"/> as one scenario on a given rig, aimed at what the
/// measured topology uses, and the outcome the harness owes it: a rig that stops answering or a
/// device that never arrives is the rig's fault (exit 2); a driver that crashes or hangs is the
/// product's (exit 1); faults between the drivers still measure, and the measurement file says
/// which fault it ran under so it can never become a baseline. A relay board that vanishes is the
/// rig's fault; a device that arrives late (within the enumeration timeout) or bounces within 50 ms
/// still measures, on its final instance; a missing floor tool loses the floor, not the measurement.
/// </summary>
internal static class FaultScenarios
{
    /// <summary>Short enough for a repeat of 20 in minutes; long enough that a crash after 100 messages lands mid-burst.</summary>
    public const string Delay = "100us";

    /// <summary>The longest late arrival a trial waits for.</summary>
    private static readonly TimeSpan MaxLate = TimeSpan.FromSeconds(2);

    public static IReadOnlyList<FaultScenario> For(RigSpec rig, Topology topology)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var name = Topologies.Of(topology).Name;
        var firstSwitch = rig.Power.Keys.Order(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InputException($"{rig.SourcePath}: rig '{rig.Name}' has no power: section; relay-timeout needs a switch to silence");
        var firstDevice = rig.Devices.Keys.Order(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InputException($"{rig.SourcePath}: rig '{rig.Name}' has no devices: section; never-enumerate needs a device to keep away");
        // The sim rig's app-relay pair sits on its last device: a stale instance there would break the measurement.
        var lastDevice = rig.Devices.Keys.Order(StringComparer.Ordinal).Last();
        var rigFault = HilException.For(FaultKind.RigFault, "").Tag;
        var defect = HilException.For(FaultKind.ProductDefect, "").Tag;
        var all = new Dictionary<string, FaultScenario>(StringComparer.Ordinal)
        {
            [FaultKinds.RelayTimeout] = Scenario(rig, FaultKinds.RelayTimeout, firstSwitch, rigFault, FaultKind.RigFault),
            [FaultKinds.NeverEnumerate] = Scenario(rig, FaultKinds.NeverEnumerate, firstDevice, rigFault, FaultKind.RigFault),
            [FaultKinds.DextCrash] = Scenario(rig, FaultKinds.DextCrash, name, defect, FaultKind.ProductDefect, ("messages", "100")),
            [FaultKinds.UserClientHang] = Scenario(rig, FaultKinds.UserClientHang, null, defect, FaultKind.ProductDefect, ("duration", "30s")),
            [FaultKinds.DropMessages] = Measured(rig, FaultKinds.DropMessages, name, ("every", "50")),
            [FaultKinds.DelayMessages] = Measured(rig, FaultKinds.DelayMessages, name, ("delay", Delay)),
            [FaultKinds.HopDelay] = Measured(rig, FaultKinds.HopDelay, name, ("delay", Delay)),
            [FaultKinds.BoardVanish] = Scenario(rig, FaultKinds.BoardVanish, firstSwitch, rigFault, FaultKind.RigFault, ("switches", VanishAfter(rig, firstSwitch))),
            [FaultKinds.LateEnumerate] = Measured(rig, FaultKinds.LateEnumerate, firstDevice, ("delay", RigDuration.Format(LateBy(rig)))),
            [FaultKinds.ReplugRace] = Measured(rig, FaultKinds.ReplugRace, lastDevice, ("gap", RigDuration.Format(SimFaultPlan.DefaultReplugGap))),
            [FaultKinds.FloorToolMissing] = Measured(rig, FaultKinds.FloorToolMissing, null) with { MeasuresFloor = true },
        };

        // FaultKinds is the one list of kinds: a kind added there without a scenario here fails loudly.
        var missing = FaultKinds.All.Where(k => !all.ContainsKey(k)).ToList();
        return missing.Count == 0
            ? [.. FaultKinds.All.Select(k => all[k])]
            : throw new InvalidOperationException($"hil faults has no scenario for fault kind(s) {string.Join(", ", missing)} (Hil.Cli/Faults/FaultScenarios.cs)");
    }

    private static FaultScenario Scenario(RigSpec rig, string kind, string? target, string tag, FaultKind fault, params (string, string)[] args) =>
        new(kind, FaultScenario.Entry(rig, kind, target, args), tag, CliInvocation.ExitCodeFor(fault));

    /// <summary>
    /// Mid-run: past the safe state the session sets on open (one switch command a channel), so the board
    /// vanishes as the run powers its first device, whatever the board's protocol.
    /// </summary>
    private static string VanishAfter(RigSpec rig, string switchName) =>
        (rig.Power[switchName].Channels + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Late, yet well inside the enumeration timeout the harness waits with, and short enough for a trial of seconds.</summary>
    private static TimeSpan LateBy(RigSpec rig)
    {
        var half = rig.Timeouts.Enumerate / 2;
        return half < MaxLate ? half : MaxLate;
    }

    private static FaultScenario Measured(RigSpec rig, string kind, string? target, params (string, string)[] args) =>
        new(kind, FaultScenario.Entry(rig, kind, target, args), FaultScenario.Measured, CliInvocation.Ok);
}
