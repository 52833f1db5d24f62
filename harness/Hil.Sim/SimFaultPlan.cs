using System.Collections.Immutable;
using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Sim;

/// <summary>
/// The sim's faults (DESIGN.md §4), read once from the rig file into what each sim part acts on:
/// which fault, on which target, and when. The sim's parts read this plan and never the rig's
/// fault list:
/// <list type="bullet">
/// <item>relay-timeout: the relay emulator of each switch in <see cref="SilentSwitches"/> stops
/// answering once the board is open, or <see cref="SilenceAfter"/> later (the fault's <c>after</c>);
/// a SWITCH/CHANNEL target silences its whole board: a hung board answers no channel;</item>
/// <item>board-vanish: the relay emulator of the switch disappears (<see cref="VanishOf"/>) after answering
/// <c>switches</c> switch commands or <c>after</c> it was opened, and never comes back; a SWITCH/CHANNEL target takes its whole board;</item>
/// <item>never-enumerate: <see cref="SimUsbBus"/> keeps each device of <see cref="NeverEnumerate"/> away;</item>
/// <item>late-enumerate: <see cref="SimUsbBus"/> brings the device <see cref="ArrivalDelay"/> after power-on, instead of
/// enumerate_delay ± jitter;</item>
/// <item>replug-race: <see cref="SimUsbBus"/> detaches the device <see cref="ReplugGap"/> after it arrived and attaches
/// it again a gap later (under 50 ms each), once per power-on; the sim kernel treats the return as a new device;</item>
/// <item>floor-tool-missing: the host's hil-floor is absent (<see cref="FloorTool"/>);</item>
/// <item>dext-crash: <see cref="SimKernel.CrashHostAsync"/> SIGKILLs a sim host when a test asks; the
/// rig file's dext-crash is one of the <see cref="MessageFaults"/>: selector 13 fault 4 makes the
/// driver's process abort after <c>messages</c> messages of each latency burst (mid-burst);</item>
/// <item>dext-crash, userclient-hang, drop-messages, delay-messages, hop-delay: <see cref="MessageFaults"/>,
/// set through selector 13 (PROTOCOL.md §4) on a driver's user client for each latency burst.</item>
/// </list>
/// </summary>
public sealed record SimFaultPlan
{
    private static readonly string[] MessageKinds =
        [FaultKinds.DextCrash, FaultKinds.UserClientHang, FaultKinds.DropMessages, FaultKinds.DelayMessages, FaultKinds.HopDelay];

    private SimFaultPlan(RigSpec rig)
    {
        var faults = rig.Sim?.Faults ?? [];
        var silences = Of(faults, FaultKinds.RelayTimeout).SelectMany(f => SwitchesOf(rig, f).Select(s => (Switch: s, After: AfterOf(f))));
        _silenceAfter = silences.GroupBy(s => s.Switch, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Min(s => s.After), StringComparer.Ordinal);
        SilentSwitches = [.. _silenceAfter.Keys];
        NeverEnumerate = [.. Of(faults, FaultKinds.NeverEnumerate).Select(f => DeviceOf(rig, f))];
        _vanish = Of(faults, FaultKinds.BoardVanish).SelectMany(f => SwitchesOf(rig, f).Select(s => (Switch: s, Vanish: VanishIn(f))))
            .GroupBy(v => v.Switch, StringComparer.Ordinal).ToImmutableDictionary(g => g.Key, g => g.First().Vanish, StringComparer.Ordinal);
        _arrivalDelay = ByDevice(rig, faults, FaultKinds.LateEnumerate, f => DurationOf(f, "delay", TimeSpan.Zero));
        _replugGap = ByDevice(rig, faults, FaultKinds.ReplugRace, f => DurationOf(f, "gap", DefaultReplugGap));
        FloorToolMissing = Of(faults, FaultKinds.FloorToolMissing).Any();
        MessageFaults = [.. faults.Where(f => MessageKinds.Contains(f.Kind))];
    }

    /// <summary>replug-race without a <c>gap</c>: well inside the 50 ms a race is about.</summary>
    public static readonly TimeSpan DefaultReplugGap = TimeSpan.FromMilliseconds(10);

    private readonly ImmutableDictionary<string, TimeSpan> _silenceAfter;
    private readonly ImmutableDictionary<string, BoardVanish> _vanish;
    private readonly ImmutableDictionary<string, TimeSpan> _arrivalDelay;
    private readonly ImmutableDictionary<string, TimeSpan> _replugGap;

    /// <summary>Switches whose board stops answering once opened, or <see cref="SilenceAfter"/> later (relay-timeout).</summary>
    public ImmutableHashSet<string> SilentSwitches { get; }

    /// <summary>Devices that never arrive however long their channel is on (never-enumerate).</summary>
    public ImmutableHashSet<string> NeverEnumerate { get; }

    /// <summary>
    /// The faults a driver's user client applies through selector 13, as the rig file gives them;
    /// which driver and topology each acts on is decided per burst.
    /// </summary>
    public ImmutableArray<FaultSpec> MessageFaults { get; }

    /// <summary>How long after it is opened the board of <paramref name="switchName"/> stops answering; zero at once, null never.</summary>
    public TimeSpan? SilenceAfter(string switchName) =>
        _silenceAfter.TryGetValue(switchName, out var after) ? after : null;

    /// <summary>When the board of <paramref name="switchName"/> disappears for good (board-vanish); null never.</summary>
    public BoardVanish? VanishOf(string switchName) => _vanish.GetValueOrDefault(switchName);

    /// <summary>How long after power-on <paramref name="device"/> arrives (late-enumerate); null: enumerate_delay ± jitter.</summary>
    public TimeSpan? ArrivalDelay(string device) => _arrivalDelay.TryGetValue(device, out var delay) ? delay : null;

    /// <summary>How long <paramref name="device"/> stays before it bounces, and is away when it does (replug-race); null: it does not bounce.</summary>
    public TimeSpan? ReplugGap(string device) => _replugGap.TryGetValue(device, out var gap) ? gap : null;

    /// <summary>The host has no hil-floor (floor-tool-missing).</summary>
    public bool FloorToolMissing { get; }

    /// <summary>
    /// Where this rig's host has hil-floor: <paramref name="built"/>, or with floor-tool-missing a path beside it
    /// where nothing is, so the harness meets the missing tool as it would meet an unfinished build.
    /// </summary>
    public string FloorTool(string built) =>
        FloorToolMissing ? Path.Combine(Path.GetDirectoryName(built) ?? ".", FaultKinds.FloorToolMissing, Path.GetFileName(built)) : built;

    /// <summary>Reads the faults of <paramref name="rig"/>; a target the rig does not declare is an input error naming the fault's line.</summary>
    public static SimFaultPlan From(RigSpec rig)
    {
        ArgumentNullException.ThrowIfNull(rig);
        return new SimFaultPlan(rig);
    }

    private static IEnumerable<FaultSpec> Of(ImmutableArray<FaultSpec> faults, string kind) =>
        faults.Where(f => string.Equals(f.Kind, kind, StringComparison.Ordinal));

    private static IEnumerable<string> SwitchesOf(RigSpec rig, FaultSpec fault)
    {
        if (fault.Target is null)
        {
            return rig.Power.Keys;
        }

        var name = fault.Target.Split('/')[0];
        return rig.Power.ContainsKey(name) ? [name] : throw Unknown(fault, "switches", rig.Power.Keys);
    }

    private static TimeSpan AfterOf(FaultSpec fault) => DurationOf(fault, "after", TimeSpan.Zero);

    private static TimeSpan DurationOf(FaultSpec fault, string name, TimeSpan absent) =>
        !fault.Args.TryGetValue(name, out var text) ? absent
        : RigDuration.TryParse(text, out var value) ? value
        : throw new InputException($"{fault.Where}: fault '{fault.Kind}' {name}: expected {RigDuration.Expected}, got '{text}'");

    private static BoardVanish VanishIn(FaultSpec fault) =>
        !fault.Args.TryGetValue("switches", out var text) ? new BoardVanish(null, AfterOf(fault))
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 ? new BoardVanish(n, TimeSpan.Zero)
        : throw new InputException($"{fault.Where}: fault '{fault.Kind}' switches: expected an integer 1.., got '{text}'");

    private static ImmutableDictionary<string, TimeSpan> ByDevice(RigSpec rig, ImmutableArray<FaultSpec> faults, string kind, Func<FaultSpec, TimeSpan> value) =>
        Of(faults, kind).GroupBy(f => DeviceOf(rig, f), StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => value(g.First()), StringComparer.Ordinal);

    private static string DeviceOf(RigSpec rig, FaultSpec fault) =>
        fault.Target is { } device && rig.Devices.ContainsKey(device) ? device : throw Unknown(fault, "devices", rig.Devices.Keys);

    private static InputException Unknown(FaultSpec fault, string what, IEnumerable<string> known) =>
        new($"{fault.Where}: fault '{fault.Kind}' targets '{fault.Target}', expected one of the rig's " +
            $"{what} ({string.Join(", ", known.Order(StringComparer.Ordinal))})");
}

/// <summary>board-vanish: the board disappears once it has carried out <paramref name="Switches"/> switch commands, or else <paramref name="After"/> it was opened.</summary>
public sealed record BoardVanish(int? Switches, TimeSpan After);
