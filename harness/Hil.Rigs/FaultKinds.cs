using System.Collections.Immutable;

namespace Hil.Rigs;

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
