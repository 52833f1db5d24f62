using System.Collections.Immutable;

namespace Hil.Rigs;

/// <summary>
/// The faults the sim can inject (DESIGN.md §4) and the arguments each one takes. A rig file's
/// fault with any other argument is refused at its line: an argument nothing reads would be a
/// fault the file asks for and the sim never applies.
/// </summary>
public static class FaultKinds
{
    public const string RelayTimeout = "relay-timeout";
    public const string NeverEnumerate = "never-enumerate";
    public const string DextCrash = "dext-crash";
    public const string UserClientHang = "userclient-hang";
    public const string DropMessages = "drop-messages";
    public const string DelayMessages = "delay-messages";
    public const string HopDelay = "hop-delay";
    public const string BoardVanish = "board-vanish";
    public const string LateEnumerate = "late-enumerate";
    public const string ReplugRace = "replug-race";
    public const string FloorToolMissing = "floor-tool-missing";

    /// <summary>replug-race's gap is a race: a device back within this long; a longer one is an ordinary unplug.</summary>
    public static readonly TimeSpan ReplugRaceLimit = TimeSpan.FromMilliseconds(50);

    public static ImmutableArray<string> All { get; } =
    [
        RelayTimeout, NeverEnumerate, DextCrash, UserClientHang, DropMessages, DelayMessages, HopDelay,
        BoardVanish, LateEnumerate, ReplugRace, FloorToolMissing,
    ];

    /// <summary>
    /// The arguments (besides <c>kind</c> and <c>target</c>) each kind applies: relay-timeout's
    /// <c>after</c> (how long the board answers once opened), dext-crash's <c>messages</c> (how
    /// many messages of a burst pass before the driver's process aborts), userclient-hang's
    /// <c>duration</c>, drop-messages' <c>every</c> or <c>rate</c>, the delays' <c>delay</c>; board-vanish's
    /// <c>switches</c> (switch commands carried out before the board disappears) or <c>after</c> (how long after it was opened),
    /// late-enumerate's <c>delay</c> (arrival after power-on), replug-race's <c>gap</c> (how long the device is
    /// away between detaching and attaching again).
    /// </summary>
    public static ImmutableDictionary<string, ImmutableArray<string>> Arguments { get; } =
        new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal)
        {
            [RelayTimeout] = ["after"],
            [NeverEnumerate] = [],
            [DextCrash] = ["messages"],
            [UserClientHang] = ["duration"],
            [DropMessages] = ["every", "rate"],
            [DelayMessages] = ["delay"],
            [HopDelay] = ["delay"],
            [BoardVanish] = ["switches", "after"],
            [LateEnumerate] = ["delay"],
            [ReplugRace] = ["gap"],
            [FloorToolMissing] = [],
        }.ToImmutableDictionary(StringComparer.Ordinal);
}
