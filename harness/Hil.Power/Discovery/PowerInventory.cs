using Hil.Foundation;
using Hil.Foundation.Processes;

namespace Hil.Power;

public sealed record FoundSerialPort(string Path, string? StableName);

public sealed record FoundHidRelay(string Path, string Product, string? BoardId, string? Error);

public sealed record FoundHub(string Tool, string Location, string Description);

/// <summary>What `hil power list` found on this machine, and what it could not look for and why.</summary>
public sealed record PowerInventory(
    IReadOnlyList<FoundSerialPort> SerialPorts,
    IReadOnlyList<FoundHidRelay> HidRelays,
    IReadOnlyList<FoundHub> Hubs,
    IReadOnlyList<string> Absent);

/// <summary>Finds the boards and hubs present: serial devices, dcttech HID relays through hidapi, hubs through their tools.</summary>
public static partial class PowerDiscovery
{
    public static async Task<PowerInventory> ScanAsync(PowerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var absent = new List<string>();
        var serial = SerialPorts();
        if (serial.Count == 0)
        {
            absent.Add("serial boards: no /dev/serial/by-id entries and no /dev/ttyACM*, /dev/ttyUSB* (or /dev/cu.usb* on macOS) devices");
        }

        var hid = HidRelays(absent);
        var hubs = new List<FoundHub>();
        await UhubctlHubsAsync(options, hubs, absent, cancellationToken).ConfigureAwait(false);
        await YkushBoardsAsync(options, hubs, absent, cancellationToken).ConfigureAwait(false);
        return new PowerInventory(serial, hid, hubs, absent);
    }

    private static List<FoundSerialPort> SerialPorts()
    {
        var found = new List<FoundSerialPort>();
        const string byId = "/dev/serial/by-id";
        if (Directory.Exists(byId))
        {
            foreach (var link in Directory.GetFiles(byId).Order(StringComparer.Ordinal))
            {
                var target = new FileInfo(link).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? link;
                found.Add(new FoundSerialPort(target, link));
            }
        }

        string[] patterns = OperatingSystem.IsMacOS() ? ["cu.usbmodem*", "cu.usbserial*", "cu.wchusbserial*"] : ["ttyACM*", "ttyUSB*"];
        foreach (var path in patterns.SelectMany(p => Directory.GetFiles("/dev", p)).Order(StringComparer.Ordinal))
        {
            if (found.All(f => f.Path != path))
            {
                found.Add(new FoundSerialPort(path, null));
            }
        }

        return found;
    }

    private static List<FoundHidRelay> HidRelays(List<string> absent)
    {
        if (HidApiBackend.Unavailable is { } why)
        {
            absent.Add($"dcttech HID relays: not searched, {why}");
            return [];
        }

        var found = DcttechSwitch.Boards(HidApiBackend.Instance)
            .Select(b => new FoundHidRelay(b.Info.Path, b.Info.Product ?? "", b.BoardId, b.Error))
            .ToList();
        if (found.Count == 0)
        {
            absent.Add($"dcttech HID relays: hidapi sees no USBRelayN board ({DcttechBoard.VendorId:x4}:{DcttechBoard.ProductId:x4})");
        }

        return found;
    }

    private static async Task UhubctlHubsAsync(PowerOptions options, List<FoundHub> hubs, List<string> absent, CancellationToken cancellationToken)
    {
        var output = await TryRunAsync(ToolRunner.Command(options.Uhubctl, [], options.ToolTimeout), absent, "switchable hubs (uhubctl)", cancellationToken).ConfigureAwait(false);
        if (output is null)
        {
            return;
        }

        hubs.AddRange(HubDiscovery.Uhubctl(output, absent));
    }

    private static async Task YkushBoardsAsync(PowerOptions options, List<FoundHub> hubs, List<string> absent, CancellationToken cancellationToken)
    {
        var output = await TryRunAsync(ToolRunner.Command(options.Ykushcmd, ["-l"], options.ToolTimeout), absent, "YKUSH hubs (ykushcmd)", cancellationToken).ConfigureAwait(false);
        if (output is null)
        {
            return;
        }

        hubs.AddRange(HubDiscovery.Ykush(output, absent));
    }

    /// <summary>The tool's combined output, or null (with the reason added to <paramref name="absent"/>) when it is not installed.</summary>
    private static async Task<string?> TryRunAsync(ProcessCommand command, List<string> absent, string what, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ProcessRunner.RunAsync(command, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            return result.StandardOutput + result.StandardError;
        }
        catch (InfrastructureException)
        {
            // ProcessRunner's only infrastructure fault is a program that cannot be started.
            absent.Add($"{what}: not searched, {command.Program} is not installed or not on PATH");
            return null;
        }
    }
}
