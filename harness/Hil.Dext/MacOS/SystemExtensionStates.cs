using Hil.Foundation;

namespace Hil.Dext.MacOS;

/// <summary>What activation does when `systemextensionsctl list` shows a state.</summary>
public enum ActivationStep
{
    /// <summary>Activated and enabled: activation is done.</summary>
    Ready,

    /// <summary>On its way (validating, enabling, an older copy going away): poll again.</summary>
    Wait,

    /// <summary>Waits for approval in System Settings or by MDM: poll again; the timeout says how to approve.</summary>
    WaitForUser,

    /// <summary>The user turned the extension off: waiting cannot help, fail at once.</summary>
    Disabled,

    /// <summary>Only a reboot moves it on: waiting cannot help, fail at once.</summary>
    NeedsReboot,
}

/// <summary>
/// Every state `systemextensionsctl list` prints (sysextd's state names, printed with spaces
/// for underscores) mapped to the harness's <see cref="DextState"/> and to what activation does.
/// Unknown states keep activation polling, so a new macOS state ends in the named timeout.
/// </summary>
public static class SystemExtensionStates
{
    private const string DriverExtensions = "System Settings > General > Login Items & Extensions > Driver Extensions";

    private static readonly Dictionary<string, (DextState State, ActivationStep Step)> Known = new(StringComparer.Ordinal)
    {
        ["activated enabled"] = (DextState.Activated, ActivationStep.Ready),
        ["activated disabled"] = (DextState.Deactivated, ActivationStep.Disabled),
        ["activated waiting for user"] = (DextState.Activating, ActivationStep.WaitForUser),
        ["waiting for user"] = (DextState.Activating, ActivationStep.WaitForUser),
        ["waiting for approval"] = (DextState.Activating, ActivationStep.WaitForUser),
        ["activated enabling"] = (DextState.Activating, ActivationStep.Wait),
        ["activated waiting to upgrade"] = (DextState.Activating, ActivationStep.Wait),
        ["validating"] = (DextState.Activating, ActivationStep.Wait),
        ["validating by category"] = (DextState.Activating, ActivationStep.Wait),
        ["validating by app"] = (DextState.Activating, ActivationStep.Wait),
        ["activated waiting to upgrade on reboot"] = (DextState.Activating, ActivationStep.NeedsReboot),
        ["terminated waiting to uninstall on reboot"] = (DextState.Deactivated, ActivationStep.NeedsReboot),
        ["terminating for uninstall"] = (DextState.Deactivated, ActivationStep.Wait),
        ["terminating for uninstall but still running"] = (DextState.Deactivated, ActivationStep.Wait),
        ["terminating for uninstall via delegate"] = (DextState.Deactivated, ActivationStep.Wait),
        ["terminating for disable"] = (DextState.Deactivated, ActivationStep.Wait),
        ["terminating for disable but still running"] = (DextState.Deactivated, ActivationStep.Wait),
        ["terminating for upgrade via delegate"] = (DextState.Deactivated, ActivationStep.Wait),
        ["uninstalling"] = (DextState.Deactivated, ActivationStep.Wait),
        ["uninstalled"] = (DextState.NotInstalled, ActivationStep.Wait),
    };

    public static IReadOnlyCollection<string> All => Known.Keys;

    public static DextState StateOf(SystemExtensionEntry? entry) =>
        entry is null ? DextState.NotInstalled : Lookup(entry.State)?.State ?? DextState.Failed;

    public static ActivationStep StepOf(string state) => Lookup(state)?.Step ?? ActivationStep.Wait;

    /// <summary>
    /// True when a row of <paramref name="bundleId"/> is activated and enabled; false while one is
    /// on its way (or none is listed yet). Throws when the rows are at a dead end: waiting out the
    /// timeout would only hide what the user must do.
    /// </summary>
    public static bool IsActivated(IEnumerable<SystemExtensionEntry> entries, string bundleId)
    {
        var rows = entries.Where(e => e.BundleId == bundleId).ToList();
        var steps = rows.Select(e => StepOf(e.State)).ToList();
        if (steps.Contains(ActivationStep.Ready))
        {
            return true;
        }

        if (rows.Count == 0 || steps.Any(s => s is ActivationStep.Wait or ActivationStep.WaitForUser))
        {
            return false;
        }

        var row = rows[steps.IndexOf(ActivationStep.Disabled) is var d and >= 0 ? d : 0];
        throw new InfrastructureException(DeadEnd(row));
    }

    private static string DeadEnd(SystemExtensionEntry row) => StepOf(row.State) switch
    {
        ActivationStep.Disabled =>
            $"systemextensionsctl list line {row.Line}: the user disabled the extension {row.BundleId} " +
            $"({row.Version}) [{row.State}]; turn it on in {DriverExtensions}, then run again",
        _ =>
            $"systemextensionsctl list line {row.Line}: {row.BundleId} ({row.Version}) is [{row.State}]; " +
            "only a reboot of this Mac moves it on: reboot, then run again",
    };

    private static (DextState State, ActivationStep Step)? Lookup(string state) =>
        Known.TryGetValue(state.Replace('_', ' ').Trim(), out var known) ? known : null;
}
