using System.Collections.Immutable;

namespace Hil.Rigs;

/// <summary>
/// A validated rig file (DESIGN.md §4). Immutable: built once by the rig file parser, then
/// only read. Every element remembers where in the file it came from so later errors can
/// still name the file, line and column.
/// </summary>
public sealed record RigSpec(
    string Name,
    RigHost Host,
    SafeState SafeState,
    ImmutableDictionary<string, PowerSwitchSpec> Power,
    ImmutableDictionary<string, DeviceSpec> Devices,
    DextSpec? Dext,
    RigTimeouts Timeouts,
    SimSpec? Sim,
    string SourcePath)
{
    /// <summary>The latency budgets of <c>budgets:</c> (none when the file has no such section).</summary>
    public ImmutableArray<LatencyBudget> Budgets { get; init; } = [];
}

/// <summary>How a figure stands against its budget.</summary>
public enum BudgetVerdict
{
    Within,
    Marginal,
    Over,
}

/// <summary>
/// The latency one topology may take at one percentile on this rig: over <see cref="Limit"/> fails;
/// over <see cref="Marginal"/> (and not over the limit) passes, marked marginal. Read from
/// <c>budgets:</c> (Parsing/BudgetReader.cs); <see cref="Where"/> names its line for later errors.
/// </summary>
public sealed record LatencyBudget(string Topology, string Percentile, TimeSpan Limit, TimeSpan? Marginal, SourceLocation Where)
{
    /// <summary>The tag a test in the marginal band carries in the report, and `hil run`'s summary reads.</summary>
    public const string MarginalTag = "marginal";

    /// <summary>The percentiles a budget may name: the headline's.</summary>
    public static readonly ImmutableArray<string> Percentiles = ["p50", "p90", "p99", "p99.9"];

    public BudgetVerdict Judge(double nanoseconds) =>
        nanoseconds > Limit.TotalNanoseconds ? BudgetVerdict.Over
        : Marginal is { } m && nanoseconds > m.TotalNanoseconds ? BudgetVerdict.Marginal
        : BudgetVerdict.Within;
}

public enum RigHost
{
    Sim,
    MacOS,

    /// <summary>The Mac code (IOKit, Mac tools) run against libhil-macos-twin on the sim rig's parts.</summary>
    MacOSTwin,
}

/// <summary>How a rig file spells each <see cref="RigHost"/>: read by the rig reader, printed by `hil rig`.</summary>
public static class RigHosts
{
    public static IReadOnlyList<(string Name, RigHost Host)> All { get; } =
        [("sim", RigHost.Sim), ("macos", RigHost.MacOS), ("macos-twin", RigHost.MacOSTwin)];

    public static string NameOf(RigHost host) => All.First(h => h.Host == host).Name;
}

/// <summary>What every exit path leaves the switches in.</summary>
public enum SafeState
{
    AllOff,
    AllOn,
}

/// <summary>Where in a rig file a value was read: for error messages after parsing.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>
/// One power switch: a relay board or a switchable hub. <see cref="Kind"/> is one of
/// numato, lcus, kmtronic, dcttech, uhubctl, ykush, sim. <see cref="Port"/> = "sim" means the
/// board's emulator, in memory.
/// </summary>
public sealed record PowerSwitchSpec(
    string Name,
    string Kind,
    string? Port,
    string? Serial,
    string? Location,
    int Channels,
    SourceLocation Where);

/// <summary>"relay1/3": channel 3 of switch relay1, numbered as the board numbers them.</summary>
public sealed record ChannelRef(string Switch, int Channel)
{
    public override string ToString() => $"{Switch}/{Channel}";
}

public sealed record UsbIdentity(ushort VendorId, ushort ProductId, string? Serial)
{
    public override string ToString() =>
        Serial is null ? $"{VendorId:x4}:{ProductId:x4}" : $"{VendorId:x4}:{ProductId:x4} ({Serial})";
}

public sealed record DeviceSpec(string Name, ChannelRef Power, UsbIdentity Usb, SourceLocation Where);

/// <summary>The dext under test. <see cref="PlistPath"/> is resolved relative to the repository root.</summary>
public sealed record DextSpec(string PlistPath, string BundleId, string EntitlementToken)
{
    /// <summary>The rig's `dext.build` directory: its plist and hil-simhost replace the defaults.</summary>
    public DextBuild? Build { get; init; }

    /// <summary>How the harness reaches this dext's drivers (<c>dext:</c>'s driver1/driver2/user_clients/selector_base/topologies); the probe's by default.</summary>
    public DextRoles Roles { get; init; } = DextRoles.Probe;

    /// <summary>The host app that activates and deactivates the dext on a Mac (<c>dext.host_app</c>); null: none.</summary>
    public string? HostApp { get; init; }

    /// <summary>This dext as <paramref name="build"/>: its plist, bundle id and sim host; the token follows the bundle id.</summary>
    public static DextSpec Of(DextBuild build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return new DextSpec(build.PlistPath, build.BundleId, build.BundleId) { Build = build };
    }
}

public sealed record RigTimeouts(TimeSpan Enumerate, TimeSpan Activate);

/// <summary>Settings of the simulated rig (only for host: sim).</summary>
public sealed record SimSpec(
    TimeSpan EnumerateDelay,
    TimeSpan EnumerateJitter,
    ImmutableArray<FaultSpec> Faults,
    int Seed);

/// <summary>
/// A fault the sim injects (DESIGN.md §4): kinds relay-timeout, never-enumerate,
/// dext-crash, userclient-hang, drop-messages, delay-messages, hop-delay. <see cref="Target"/>
/// names the switch, device or topology it applies to.
/// </summary>
public sealed record FaultSpec(
    string Kind,
    string? Target,
    ImmutableDictionary<string, string> Args,
    SourceLocation Where);
