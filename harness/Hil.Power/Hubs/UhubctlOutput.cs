using System.Text.RegularExpressions;

namespace Hil.Power;

/// <summary>One "Port N: hhhh flags [device]" line under a hub header of uhubctl's output.</summary>
internal sealed record UhubctlPort(string Hub, string HubDescription, bool IsNewStatus, int Port, string Status, IReadOnlyList<string> Flags, string? Device)
{
    /// <summary>USB2 shows "power", USB3 "power" too unless the 0x0200 bit is clear, when it shows "off".</summary>
    public bool? PowerOn => Flags.Contains("power") ? true : Flags.Contains("off") ? false : null;
}

/// <summary>Parses uhubctl 2.x output (relays.md §5, uhubctl.c print_port_status).</summary>
internal static partial class UhubctlOutput
{
    public static IReadOnlyList<UhubctlPort> Parse(string output)
    {
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

    /// <summary>Hub headers: location and the bracketed description ("0bda:5411 Generic …, 4 ports, ppps").</summary>
    public static IEnumerable<(string Location, string Description)> Hubs(string output) =>
        output.Split('\n').Select(l => Header().Match(l.TrimEnd('\r')))
            .Where(m => m.Success && m.Groups[1].Value == "Current")
            .Select(m => (m.Groups[2].Value, m.Groups[3].Value))
            .Distinct();

    [GeneratedRegex(@"^(Current|New) status for hub (\S+) \[(.*)\]$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\s+Port (\d+): ([0-9a-fA-F]{4})((?: [^\[\s]+)*)(?: \[(.*)\])?$")]
    private static partial Regex PortLine();
}
