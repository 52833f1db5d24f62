using System.Text.RegularExpressions;
using Hil.Foundation;

namespace Hil.Power;

/// <summary>One "Port N: hhhh flags [device]" line under a hub header of uhubctl's output.</summary>
internal sealed record UhubctlPort(string Hub, string HubDescription, bool IsNewStatus, int Port, string Status, IReadOnlyList<string> Flags, string? Device)
{
    /// <summary>USB2 shows "power", USB3 "power" too unless the 0x0200 bit is clear, when it shows "off".</summary>
    public bool? PowerOn => Flags.Contains("power") ? true : Flags.Contains("off") ? false : null;
}

/// <summary>One "Current status for hub LOC [description]" header.</summary>
internal sealed record UhubctlHub(string Location, string Description)
{
    /// <summary>"USB 3.00" and up in the description: the USB3 half of a hub (uhubctl 2.x prints the bcdUSB).</summary>
    public bool IsUsb3 => Description.Contains(", USB 3.", StringComparison.Ordinal);

    /// <summary>", 4 ports" in the description, or null when the hub did not say.</summary>
    public string? Ports => Description.Split(", ").FirstOrDefault(p => p.EndsWith(" ports", StringComparison.Ordinal));
}

/// <summary>Parses uhubctl 2.x output (relays.md §5, uhubctl.c print_port_status).</summary>
internal static partial class UhubctlOutput
{
    public static IReadOnlyList<UhubctlPort> Parse(string output)
    {
        RefuseLegacy(output);
        var ports = new List<UhubctlPort>();
        string? hub = null;
        var description = "";
        var isNew = false;
        foreach (var line in output.Split('\n'))
        {
            var header = Header().Match(line.TrimEnd('\r'));
            if (header.Success)
            {
                isNew = header.Groups[1].Value == "New";
                hub = header.Groups[2].Value;
                description = header.Groups[3].Value;
                continue;
            }

            var port = PortLine().Match(line.TrimEnd('\r'));
            if (port.Success && hub is not null)
            {
                var device = port.Groups[4].Success ? port.Groups[4].Value : null;
                ports.Add(new UhubctlPort(
                    hub, description, isNew, int.Parse(port.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                    port.Groups[2].Value, port.Groups[3].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), device));
            }
        }

        return ports;
    }

    /// <summary>Every "Current status" hub header, in the order printed (two hubs may share a location).</summary>
    public static IReadOnlyList<UhubctlHub> Hubs(string output)
    {
        RefuseLegacy(output);
        return output.Split('\n').Select(l => Header().Match(l.TrimEnd('\r')))
            .Where(m => m.Success && m.Groups[1].Value == "Current")
            .Select(m => new UhubctlHub(m.Groups[2].Value, m.Groups[3].Value))
            .ToList();
    }

    /// <summary>
    /// Why <paramref name="location"/> does not name one hub in <paramref name="hubs"/>, or null when
    /// it does. The USB2 and USB3 halves of one USB3 hub may share a location (uhubctl switches
    /// both); any other pair of hubs there cannot be told apart by location (macOS: mvp/uhubctl#623, #454).
    /// </summary>
    public static string? NotUnique(IReadOnlyList<UhubctlHub> hubs, string location)
    {
        var here = hubs.Where(h => h.Location == location).ToList();
        var halvesOfOne = here.Count == 2 && here[0].IsUsb3 != here[1].IsUsb3 && here[0].Ports == here[1].Ports;
        if (here.Count < 2 || halvesOfOne)
        {
            return null;
        }

        return $"location not unique: uhubctl lists {here.Count} hubs at location {location} " +
            $"({string.Join("; ", here.Select(h => $"[{h.Description}]"))}), so `-l {location}` cannot pick one. " +
            "Tell them apart by the vendor:product and port count in brackets; on macOS several hubs get one location " +
            "(mvp/uhubctl#623, #454): leave only the rig's hub on that USB controller (unplug the others or move them " +
            "to another port) until `uhubctl` shows it at a location of its own, and bind `location:` to that";
    }

    /// <summary>uhubctl 1.x printed "Current status for hub 20-1, vendor 05ac:1006, 3 ports": its port lines differ too.</summary>
    private static void RefuseLegacy(string output)
    {
        var legacy = output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => LegacyHeader().IsMatch(l));
        if (legacy is not null)
        {
            throw new InfrastructureException(
                $"unsupported uhubctl version: it prints the uhubctl 1.x header '{legacy}'; the harness reads uhubctl 2.x " +
                "('Current status for hub LOC [vid:pid …]'): install uhubctl 2.x (brew install uhubctl, or build mvp/uhubctl)");
        }
    }

    [GeneratedRegex(@"^(?:Current|New) status for hub \S+, vendor ")]
    private static partial Regex LegacyHeader();

    [GeneratedRegex(@"^(Current|New) status for hub (\S+) \[(.*)\]$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\s+Port (\d+): ([0-9a-fA-F]{4})((?: [^\[\s]+)*)(?: \[(.*)\])?$")]
    private static partial Regex PortLine();
}
