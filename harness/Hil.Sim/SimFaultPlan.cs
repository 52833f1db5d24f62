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
/// <item>never-enumerate: <see cref="SimUsbBus"/> keeps each device of <see cref="NeverEnumerate"/> away;</item>
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
        MessageFaults = [.. faults.Where(f => MessageKinds.Contains(f.Kind))];
    }

    private readonly ImmutableDictionary<string, TimeSpan> _silenceAfter;

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

    private static TimeSpan AfterOf(FaultSpec fault) =>
        !fault.Args.TryGetValue("after", out var text) ? TimeSpan.Zero
        : RigDuration.TryParse(text, out var after) ? after
        : throw new InputException($"{fault.Where}: fault '{fault.Kind}' after: expected {RigDuration.Expected}, got '{text}'");

    private static string DeviceOf(RigSpec rig, FaultSpec fault) =>
        fault.Target is { } device && rig.Devices.ContainsKey(device) ? device : throw Unknown(fault, "devices", rig.Devices.Keys);

    private static InputException Unknown(FaultSpec fault, string what, IEnumerable<string> known) =>
        new($"{fault.Where}: fault '{fault.Kind}' targets '{fault.Target}', expected one of the rig's " +
            $"{what} ({string.Join(", ", known.Order(StringComparer.Ordinal))})");
}
