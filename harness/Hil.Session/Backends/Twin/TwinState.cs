using System.Globalization;
using System.Text;
using Hil.Dext;
using Hil.Dext.MacOS;

namespace Hil.Session.Backends.Twin;

/// <summary>
/// The sim's state in the twin tools' file format (dext/twin/tools/state.h): the extension's
/// systemextensionsctl row, one IOUserServer node per sim host process and one service node per
/// driver instance, with the properties a Mac's ioreg shows for them (reference/driverkit.md §4).
/// </summary>
internal sealed class TwinState
{
    /// <summary>A team ID of the right shape; the sim has no signing team.</summary>
    public const string TeamId = "HILTWIN001";

    private readonly StringBuilder _text = new();

    public void Extension(string bundleId, string version, TwinExtensionState state)
    {
        var (flags, words) = state switch
        {
            TwinExtensionState.Enabled => ("*\t*", "activated enabled"),
            TwinExtensionState.WaitingForUser => ("*\t*", "activated waiting for user"),
            TwinExtensionState.Disabled => ("\t*", "activated disabled"),
            _ => ("\t", "terminated waiting to uninstall on reboot"),
        };
        _text.Append(CultureInfo.InvariantCulture, $"ext\t{flags}\t{TeamId}\t{bundleId}\t{version}\t{bundleId}\t{words}\n");
    }

    /// <summary>"IOUserServer(NAME-0xTAG)" whose IOAssociatedServices lists the services it hosts.</summary>
    public void UserServer(ulong id, string serverName, int pid, IEnumerable<ulong> services)
    {
        Node("IOUserServer", $"IOUserServer({serverName}-0x{id:x})", id + 1);
        // The creator's process name is truncated to 16 characters, as the kernel stores it.
        String("IOUserClientCreator", $"pid {pid.ToString(CultureInfo.InvariantCulture)}, {serverName[..Math.Min(16, serverName.Length)]}");
        String("IOUserServerName", serverName);
        Raw("IOUserServerTag", $"0x{id:x}");
        Raw("IOAssociatedServices", $"({string.Join(",", services.Select(s => $"0x{s:x}"))})");
    }

    /// <summary>A driver's service: named after its IOUserClass, with its personality's keys copied on.</summary>
    public void Service(ulong id, DextPersonality p, string bundleId)
    {
        Node(p.IOClass, p.IOUserClass, id);
        String("IOClass", p.IOClass);
        String("CFBundleIdentifier", bundleId);
        String("IOProviderClass", p.IOProviderClass);
        if (p.VendorId is { } vid)
        {
            Raw("VendorID", vid.ToString(CultureInfo.InvariantCulture));
        }

        if (p.ProductId is { } pid)
        {
            Raw("ProductID", pid.ToString(CultureInfo.InvariantCulture));
        }

        String("IOUserServerName", p.IOUserServerName);
        if (p.OneProcessKeyPresent)
        {
            Raw(RegistryKeys.OneProcess, "Yes");
        }

        String(RegistryKeys.Role, p.Role == DriverRole.Driver1 ? "driver1" : "driver2");
        String("IOUserClass", p.IOUserClass);
    }

    public override string ToString() => _text.ToString();

    private void Node(string className, string name, ulong id) =>
        _text.Append(CultureInfo.InvariantCulture, $"node\t{className}\t{name}\t0x{id:x}\n");

    private void String(string key, string value) => _text.Append(CultureInfo.InvariantCulture, $"prop\t{key}\ts\t{value}\n");

    private void Raw(string key, string value) => _text.Append(CultureInfo.InvariantCulture, $"prop\t{key}\tr\t{value}\n");
}

/// <summary>The extension's row in systemextensionsctl list; <see cref="None"/> prints no row.</summary>
internal enum TwinExtensionState
{
    None,
    WaitingForUser,
    Enabled,
    Disabled,
    Terminated,
}
