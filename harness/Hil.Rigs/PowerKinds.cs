using System.Collections.Immutable;

namespace Hil.Rigs;

/// <summary>
/// The one table of relay board and hub kinds (see shared/reference/relays.md beside the
/// repository for the boards): rig parsing, the drivers, the emulators, doctor and
/// <c>hil power</c> all read it. A new board is one line here, its driver and its emulator.
/// </summary>
public static class PowerKinds
{
    // Numato modules count from 0 (`relay on 0`); the others from 1, as their protocols do.
    private static readonly PowerKind Numato = new("numato", SwitchIdentity.Port, FirstChannel: 0, HostNeed.SerialPort);

    private static readonly HostNeed HidApi = HostNeed.Library(
        "hidapi", "apt-get install libhidapi-hidraw0 / brew install hidapi",
        "/usr/lib/x86_64-linux-gnu/libhidapi-hidraw.so.0", "/usr/lib/aarch64-linux-gnu/libhidapi-hidraw.so.0",
        "/opt/homebrew/lib/libhidapi.dylib", "/usr/local/lib/libhidapi.dylib");

    public static ImmutableArray<PowerKind> All { get; } =
    [
        Numato,
        new("lcus", SwitchIdentity.Port, FirstChannel: 1, HostNeed.SerialPort),
        new("kmtronic", SwitchIdentity.Port, FirstChannel: 1, HostNeed.SerialPort),
        new("dcttech", SwitchIdentity.Serial, FirstChannel: 1, HidApi),
        new("uhubctl", SwitchIdentity.Location, FirstChannel: 1, HostNeed.Tool("uhubctl", "apt-get install uhubctl / brew install uhubctl")),
        new("ykush", SwitchIdentity.Serial, FirstChannel: 1, HostNeed.Tool("ykushcmd", "build ykushcmd from Yepkit's sources")),
        new("usbrly", SwitchIdentity.Port, FirstChannel: 1, HostNeed.SerialPort) { MaxChannels = 8 },

        // The default sim relay: the Numato text protocol against its emulator in memory.
        Numato with { Name = "sim", Identity = SwitchIdentity.None, Needs = HostNeed.Nothing, RunsAs = Numato.Name },
    ];

    public static ImmutableArray<string> Names { get; } = [.. All.Select(k => k.Name)];

    public static PowerKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>The kind named <paramref name="name"/>; an unknown name is a programming error (rig parsing admits only known kinds).</summary>
    public static PowerKind Get(string name) =>
        Find(name) ?? throw new ArgumentException($"'{name}' is not a power kind; expected one of {string.Join(", ", Names)}", nameof(name));

    /// <summary>The number the board's own protocol gives its first channel.</summary>
    public static int FirstChannel(string kind) => Get(kind).FirstChannel;

    /// <summary>The last channel number of a switch of <paramref name="kind"/> with <paramref name="channels"/> channels.</summary>
    public static int LastChannel(string kind, int channels) => Get(kind).LastChannel(channels);
}
