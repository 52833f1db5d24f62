using Hil.Rigs;

namespace Hil.Dext.MacOS;

/// <summary>
/// Turns ioreg nodes into the harness's <see cref="DriverInstance"/>s. A service node is ours
/// when its IOUserClass is one of the plist's and its HILRole, if any, agrees (personality keys are copied onto the matched service); its
/// process is the IOUserServer whose IOAssociatedServices lists its registry ID (0 when no
/// server lists it yet). The endpoint is the registry ID in 0x-hex: what a user client opens
/// with IORegistryEntryIDMatching.
/// </summary>
internal static class MacRegistryMap
{
    public static IReadOnlyList<DriverInstance> Map(
        IReadOnlyList<IoUserServer> servers, IEnumerable<IoregNode> serviceNodes, DextPlist plist, RigSpec rig)
    {
        var instances = new List<DriverInstance>();
        foreach (var node in serviceNodes.DistinctBy(n => n.RegistryId))
        {
            var personality = FindPersonality(node, plist);
            if (personality is null)
            {
                continue;
            }

            var server = servers.FirstOrDefault(s => s.AssociatedServices.Contains(node.RegistryId));
            var id = $"0x{node.RegistryId:x}";
            instances.Add(new DriverInstance(
                personality.Role, id, personality.Name, server?.ProcessId ?? 0,
                server?.ServerName ?? node.GetString("IOUserServerName") ?? personality.IOUserServerName,
                id, node.Has(PersonalityReader.OneProcessKey), MatchedDevice(node, rig)));
        }

        return instances;
    }

    /// <summary>False while a driver has no process yet (0): its IOUserServer does not list it so far.</summary>
    public static bool EveryProcessKnown(IReadOnlyList<DriverInstance> instances) => instances.All(i => i.ProcessId != 0);

    /// <summary>Personality keys copied to the node tell which entry matched: class, role, OneProcess key, IDs.</summary>
    private static DextPersonality? FindPersonality(IoregNode node, DextPlist plist)
    {
        // A team's dext has no HILRole: its IOUserClass, a class of the plist, makes it ours (the rig gave the roles).
        var role = node.GetString(PersonalityReader.RoleKey);
        return plist.Personalities.FirstOrDefault(p =>
            p.IOUserClass == (node.GetString("IOUserClass") ?? node.Name)
            && (role is null || string.Equals(role, p.Role == DriverRole.Driver1 ? "driver1" : "driver2", StringComparison.Ordinal))
            && p.OneProcessKeyPresent == node.Has(PersonalityReader.OneProcessKey)
            && (p.VendorId is null || (ushort?)node.GetNumber("VendorID") == p.VendorId)
            && (p.ProductId is null || (ushort?)node.GetNumber("ProductID") == p.ProductId));
    }

    private static string? MatchedDevice(IoregNode node, RigSpec rig)
    {
        if (node.GetNumber("VendorID") is not { } vid || node.GetNumber("ProductID") is not { } pid)
        {
            return null;
        }

        var device = rig.Devices.Values.FirstOrDefault(d => d.Usb.VendorId == vid && d.Usb.ProductId == pid);
        return device?.Name ?? $"{vid:x4}:{pid:x4}";
    }
}
