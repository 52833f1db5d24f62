using Hil.Foundation;
using Hil.Rigs;
using Hil.UserClients.Probe;

namespace Hil.Cli.Faults;

/// <summary>
/// Every kind of <see cref="FaultKinds.All"/> as one scenario on a given rig, aimed at what the
/// measured topology uses, and the outcome the harness owes it: a rig that stops answering or a
/// device that never arrives is the rig's fault (exit 2); a driver that crashes or hangs is the
/// product's (exit 1); faults between the drivers still measure, and the measurement file says
/// which fault it ran under so it can never become a baseline.
/// </summary>
internal static class FaultScenarios
{
    /// <summary>Short enough for a repeat of 20 in minutes; long enough that a crash after 100 messages lands mid-burst.</summary>
    public const string Delay = "100us";

    public static IReadOnlyList<FaultScenario> For(RigSpec rig, Topology topology)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var name = Topologies.Of(topology).Name;
        var firstSwitch = rig.Power.Keys.Order(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InputException($"{rig.SourcePath}: rig '{rig.Name}' has no power: section; relay-timeout needs a switch to silence");
        var firstDevice = rig.Devices.Keys.Order(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InputException($"{rig.SourcePath}: rig '{rig.Name}' has no devices: section; never-enumerate needs a device to keep away");
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
        };

        // FaultKinds is the one list of kinds: a kind added there without a scenario here fails loudly.
        var missing = FaultKinds.All.Where(k => !all.ContainsKey(k)).ToList();
        return missing.Count == 0
            ? [.. FaultKinds.All.Select(k => all[k])]
            : throw new InvalidOperationException($"hil faults has no scenario for fault kind(s) {string.Join(", ", missing)} (Hil.Cli/Faults/FaultScenarios.cs)");
    }

    private static FaultScenario Scenario(RigSpec rig, string kind, string? target, string tag, FaultKind fault, params (string, string)[] args) =>
        new(kind, FaultScenario.Entry(rig, kind, target, args), tag, CliInvocation.ExitCodeFor(fault));

    private static FaultScenario Measured(RigSpec rig, string kind, string target, params (string, string)[] args) =>
        new(kind, FaultScenario.Entry(rig, kind, target, args), FaultScenario.Measured, CliInvocation.Ok);
}
