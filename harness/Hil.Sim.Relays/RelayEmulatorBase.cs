using Hil.Rigs;

namespace Hil.Sim.Relays;

/// <summary>Channel state, the change event and the fault knobs every emulator shares.</summary>
public abstract class RelayEmulatorBase : IRelayEmulator, IRelayFaults
{
    private readonly bool[] _on;
    private readonly Lock _gate = new();
    private volatile bool _stopAnswering;
    private int _garble;
    private int _switchesLeft;

    protected RelayEmulatorBase(string kind, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        Kind = kind;
        Channels = channels;
        FirstChannel = PowerKinds.FirstChannel(kind);
        _on = new bool[channels];
    }

    public event Action<int, bool>? ChannelChanged;

    public string Kind { get; }

    public int Channels { get; }

    /// <summary>The board's own numbering, from its kind's line in <see cref="PowerKinds"/>.</summary>
    public int FirstChannel { get; }

    public bool StopAnswering
    {
        get => _stopAnswering;
        set => _stopAnswering = value;
    }

    public bool Vanished { get; private set; }

    public bool IsOn(int channel)
    {
        lock (_gate)
        {
            return Valid(channel) && _on[channel - FirstChannel];
        }
    }

    public void GarbleNextReply() => Interlocked.Exchange(ref _garble, 1);

    public virtual void Vanish() => Vanished = true;

    public void VanishAfterSwitching(int switches)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(switches, 1);
        Interlocked.Exchange(ref _switchesLeft, switches);
    }

    protected bool Valid(int channel) => channel >= FirstChannel && channel < FirstChannel + Channels;

    /// <summary>
    /// Sets a channel; raises <see cref="ChannelChanged"/> only on a real change, outside the lock. Every switch
    /// command counts down board-vanish, whatever the protocol: not every board answers one.
    /// </summary>
    protected void Set(int channel, bool on)
    {
        if (!Valid(channel))
        {
            return;
        }

        bool changed;
        lock (_gate)
        {
            changed = _on[channel - FirstChannel] != on;
            _on[channel - FirstChannel] = on;
        }

        if (changed)
        {
            ChannelChanged?.Invoke(channel, on);
        }

        if (Volatile.Read(ref _switchesLeft) > 0 && Interlocked.Decrement(ref _switchesLeft) == 0)
        {
            Vanish();
        }
    }

    /// <summary>Bit (channel - first) set for each channel that is on.</summary>
    protected ulong Mask()
    {
        lock (_gate)
        {
            ulong mask = 0;
            for (var i = 0; i < _on.Length; i++)
            {
                mask |= _on[i] ? 1UL << i : 0;
            }

            return mask;
        }
    }

    /// <summary>True once per <see cref="GarbleNextReply"/>: the caller corrupts the reply it is about to send.</summary>
    protected bool TakeGarble() => Interlocked.Exchange(ref _garble, 0) == 1;

    /// <summary>
    /// Corrupts the first byte and keeps the length and terminator, so the driver receives a
    /// complete reply that is wrong (a reply that loses its terminator is a timeout instead).
    /// </summary>
    protected static byte[] Garble(ReadOnlySpan<byte> reply)
    {
        var garbled = reply.ToArray();
        if (garbled.Length > 0)
        {
            garbled[0] ^= 0x5A;
        }

        return garbled;
    }
}
