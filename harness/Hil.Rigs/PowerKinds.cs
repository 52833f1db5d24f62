using System.Collections.Immutable;

namespace Hil.Rigs;

/// <summary>
/// The power switch kinds a rig file may name, and which identity field tells each one apart
/// on the host (see shared/reference/relays.md beside the repository for the boards).
/// </summary>
public static class PowerKinds
{
    public const string Numato = "numato";
    public const string Lcus = "lcus";
    public const string Kmtronic = "kmtronic";
    public const string Dcttech = "dcttech";
    public const string Uhubctl = "uhubctl";
    public const string Ykush = "ykush";
    public const string Sim = "sim";

    public const string PortField = "port";
    public const string SerialField = "serial";
    public const string LocationField = "location";

    public static ImmutableArray<string> All { get; } = [Numato, Lcus, Kmtronic, Dcttech, Uhubctl, Ykush, Sim];

    /// <summary>
    /// The one identity field <paramref name="kind"/> needs: <c>port</c> for serial boards (the
    /// serial device, or <c>sim</c> for its in-memory emulator), <c>serial</c> for dcttech HID boards
    /// (the board ID) and YKUSH hubs, <c>location</c> for uhubctl hubs; null for <c>sim</c>, which needs none.
    /// </summary>
    /// <summary>
    /// The number the board's own protocol gives its first channel: Numato modules count from 0
    /// (<c>relay on 0</c>; the sim kind runs a Numato emulator), every other kind from 1.
    /// </summary>
    public static int FirstChannel(string kind) => kind is Numato or Sim ? 0 : 1;

    /// <summary>The last channel number of a switch of <paramref name="kind"/> with <paramref name="channels"/> channels.</summary>
    public static int LastChannel(string kind, int channels) => FirstChannel(kind) + channels - 1;

    public static string? IdentityField(string kind) => kind switch
    {
        Numato or Lcus or Kmtronic => PortField,
        Dcttech or Ykush => SerialField,
        Uhubctl => LocationField,
        _ => null,
    };
}

/// <summary>The faults the sim can inject (DESIGN.md §4).</summary>
public static class FaultKinds
{
    public const string RelayTimeout = "relay-timeout";
    public const string NeverEnumerate = "never-enumerate";
    public const string DextCrash = "dext-crash";
    public const string UserClientHang = "userclient-hang";
    public const string DropMessages = "drop-messages";
    public const string DelayMessages = "delay-messages";
    public const string HopDelay = "hop-delay";

    public static ImmutableArray<string> All { get; } =
        [RelayTimeout, NeverEnumerate, DextCrash, UserClientHang, DropMessages, DelayMessages, HopDelay];
}
