using System.Collections.Immutable;
using Hil.Rigs;

namespace Hil.Sim;

/// <summary>
/// The sim's fault kinds (DESIGN.md §4) and where each is applied:
/// <list type="bullet">
/// <item>relay-timeout: the relay emulators (Hil.Sim.Relays).</item>
/// <item>never-enumerate: <see cref="SimUsbBus"/>; target = device name.</item>
/// <item>dext-crash: <see cref="SimKernel.CrashHostAsync"/> (SIGKILL of a sim host), or
/// selector 13 fault 4 through a user client ("abort after N messages").</item>
/// <item>userclient-hang, drop-messages, delay-messages, hop-delay: set through selector 13
/// (PROTOCOL.md §4) on the driver's user client for each latency burst
/// (Hil.Latency's RigMessageFaults); <see cref="SimKernel.Faults"/> exposes them.</item>
/// </list>
/// </summary>
public static class SimFaults
{
    public const string RelayTimeout = FaultKinds.RelayTimeout;
    public const string NeverEnumerate = FaultKinds.NeverEnumerate;
    public const string DextCrash = FaultKinds.DextCrash;
    public const string UserClientHang = FaultKinds.UserClientHang;
    public const string DropMessages = FaultKinds.DropMessages;
    public const string DelayMessages = FaultKinds.DelayMessages;
    public const string HopDelay = FaultKinds.HopDelay;

    /// <summary>Selector 13 fault kinds (PROTOCOL.md §4).</summary>
    public const int SelectorDrop = 1;
    public const int SelectorHopDelay = 2;
    public const int SelectorHang = 3;
    public const int SelectorCrash = 4;

    public static ImmutableArray<FaultSpec> Of(RigSpec rig, string kind)
    {
        ArgumentNullException.ThrowIfNull(rig);
        return rig.Sim is null
            ? []
            : rig.Sim.Faults.Where(f => string.Equals(f.Kind, kind, StringComparison.Ordinal)).ToImmutableArray();
    }
}
