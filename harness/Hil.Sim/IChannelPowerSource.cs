using Hil.Rigs;

namespace Hil.Sim;

/// <summary>
/// Whether a switch channel powers its port, as the sim USB bus needs to know it. The relay
/// emulators are adapted to this at composition; tests use a plain fake. Raise
/// <see cref="ChannelChanged"/> after the state changed, with the new state.
/// </summary>
public interface IChannelPowerSource
{
    bool IsOn(ChannelRef channel);

    event Action<ChannelRef, bool>? ChannelChanged;
}
