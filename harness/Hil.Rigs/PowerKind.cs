using System.Collections.Immutable;

namespace Hil.Rigs;

/// <summary>Which field of a rig file's switch tells the board apart on the host.</summary>
public enum SwitchIdentity
{
    /// <summary>Nothing: the board is emulated in memory.</summary>
    None,

    /// <summary><c>port:</c> the serial device, or <c>sim</c> for the board's emulator in memory.</summary>
    Port,

    /// <summary><c>serial:</c> a board ID or serial string.</summary>
    Serial,

    /// <summary><c>location:</c> a USB hub location as uhubctl prints it.</summary>
    Location,
}

/// <summary>What <c>hil doctor</c> looks for on the host before a switch of a kind can run.</summary>
public enum HostNeedKind
{
    /// <summary>Nothing: an emulator in memory.</summary>
    Nothing,

    /// <summary>The serial device the switch's <c>port</c> names (nothing when it is <c>sim</c>).</summary>
    SerialPort,

    /// <summary>A command on PATH.</summary>
    Tool,

    /// <summary>A shared library at one of <see cref="HostNeed.Candidates"/>.</summary>
    Library,
}

/// <summary>A kind's doctor requirement: what it needs on the host and how to get it.</summary>
public sealed record HostNeed(HostNeedKind Kind, string What, string? Fix)
{
    /// <summary>Where a <see cref="HostNeedKind.Library"/> may be installed, first found wins.</summary>
    public ImmutableArray<string> Candidates { get; init; } = [];

    public static HostNeed Nothing { get; } = new(HostNeedKind.Nothing, "emulator", null);

    public static HostNeed SerialPort { get; } = new(HostNeedKind.SerialPort, "serial port",
        "plug the board in; rigs/README.md says how to find its stable /dev/serial/by-id path");

    public static HostNeed Tool(string command, string fix) => new(HostNeedKind.Tool, command, fix);

    public static HostNeed Library(string name, string fix, params string[] candidates) =>
        new(HostNeedKind.Library, name, fix) { Candidates = [.. candidates] };
}

/// <summary>
/// One relay board or hub kind as a rig file sees it: the name <c>kind:</c> takes, the field
/// that identifies a board, the number the board's own protocol gives its first channel, and
/// what the host needs. Its driver and emulator name the kind they bind to (Hil.Power's
/// <c>IPowerDriver</c>, Hil.Sim.Relays' <c>IRelayEmulatorFactory</c>).
/// </summary>
public sealed record PowerKind(string Name, SwitchIdentity Identity, int FirstChannel, HostNeed Needs)
{
    /// <summary>The most channels a board of this kind has (rig files are refused beyond it).</summary>
    public int MaxChannels { get; init; } = 64;

    /// <summary>For an emulated-only kind (<c>sim</c>): the kind whose driver it runs against that kind's emulator.</summary>
    public string? RunsAs { get; init; }

    /// <summary>The rig file field of <see cref="Identity"/>: port, serial, location, or null for none.</summary>
    public string? IdentityField => FieldOf(Identity);

    /// <summary>The identity fields a rig file may use, as they are spelled there.</summary>
    public static IReadOnlyList<string> IdentityFields { get; } =
        [.. Enum.GetValues<SwitchIdentity>().Select(FieldOf).OfType<string>()];

    /// <summary>"port", "serial", "location": the enum member as the rig file spells it; null for none.</summary>
    public static string? FieldOf(SwitchIdentity identity) =>
        identity == SwitchIdentity.None ? null : identity.ToString().ToLowerInvariant();

    /// <summary>The last channel number of a switch of this kind with <paramref name="channels"/> channels.</summary>
    public int LastChannel(int channels) => FirstChannel + channels - 1;
}
