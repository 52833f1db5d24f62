using Hil.Rigs;

namespace Hil.Sim.Tests;

/// <summary>An in-test power source: channels switch when the test says so.</summary>
internal sealed class FakePower : IChannelPowerSource
{
    private readonly HashSet<ChannelRef> _on = [];

    public event Action<ChannelRef, bool>? ChannelChanged;

    public bool IsOn(ChannelRef channel)
    {
        lock (_on)
        {
            return _on.Contains(channel);
        }
    }

    public void Set(ChannelRef channel, bool on)
    {
        lock (_on)
        {
            if (on ? !_on.Add(channel) : !_on.Remove(channel))
            {
                return;
            }
        }

        ChannelChanged?.Invoke(channel, on);
    }

    public int Subscribers => ChannelChanged?.GetInvocationList().Length ?? 0;
}
