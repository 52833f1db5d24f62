using Hil.Rigs;
using Hil.Sim;
using Hil.Sim.Relays;

namespace Hil.Session.Backends;

/// <summary>
/// Lets the sim USB bus see what the relay emulators switched: the channel a real protocol
/// driver turned on at the emulator is the port whose device then enumerates.
/// </summary>
internal sealed class EmulatorPowerSource : IChannelPowerSource
{
    private readonly SimRelayOpener _opener;

    public EmulatorPowerSource(SimRelayOpener opener)
    {
        _opener = opener;
        _opener.EmulatorCreated += (name, emulator) =>
            emulator.ChannelChanged += (channel, on) => ChannelChanged?.Invoke(new ChannelRef(name, channel), on);
    }

    public event Action<ChannelRef, bool>? ChannelChanged;

    public bool IsOn(ChannelRef channel) =>
        _opener.Emulators.TryGetValue(channel.Switch, out var emulator) && emulator.IsOn(channel.Channel);
}
