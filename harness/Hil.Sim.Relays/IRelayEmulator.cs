namespace Hil.Sim.Relays;

/// <summary>
/// A relay board emulator as the sim USB bus sees it: which channels are on, and an event
/// when one changes so the bus can plug or unplug the device behind it.
/// </summary>
public interface IRelayEmulator
{
    string Kind { get; }

    int Channels { get; }

    bool IsOn(int channel);

    event Action<int, bool>? ChannelChanged;
}

/// <summary>Faults a test or the sim rig injects into an emulator (DESIGN.md §4).</summary>
public interface IRelayFaults
{
    /// <summary>While true the board ignores everything it is sent: the driver times out.</summary>
    bool StopAnswering { get; set; }

    /// <summary>Corrupts the next reply the board sends.</summary>
    void GarbleNextReply();

    /// <summary>The board is unplugged: streams close, the HID device disappears.</summary>
    void Vanish();

    /// <summary>True once the board was unplugged; it does not come back.</summary>
    bool Vanished { get; }

    /// <summary>The board is unplugged right after it has carried out this many more switch commands, on or off (board-vanish).</summary>
    void VanishAfterSwitching(int switches);
}
