using Hil.Rigs;

namespace Hil.Sim.Relays;

/// <summary>
/// KMTronic USB relay (relays.md §4): <c>FF n 01</c> on, <c>FF n 00</c> off, no reply;
/// <c>FF 09 00</c> answers one status byte (00/01) per relay.
/// </summary>
internal sealed class KmtronicEmulator(int channels) : SerialRelayEmulator("kmtronic", channels), IRelayEmulatorFactory
{
    private readonly List<byte> _frame = [];

    static string IRelayEmulatorFactory.Emulates => "kmtronic";

    static RelayEmulatorBase IRelayEmulatorFactory.Create(PowerSwitchSpec spec) => new KmtronicEmulator(spec.Channels);

    protected override void OnByte(byte b, List<byte> reply)
    {
        if (_frame.Count == 0 && b != 0xFF)
        {
            return;
        }

        _frame.Add(b);
        if (_frame.Count < 3)
        {
            return;
        }

        var (n, op) = (_frame[1], _frame[2]);
        _frame.Clear();
        if (n == 0x09 && op == 0x00)
        {
            for (var ch = 1; ch <= Channels; ch++)
            {
                reply.Add(IsOn(ch) ? (byte)1 : (byte)0);
            }
        }
        else if (op <= 1)
        {
            Set(n, op == 1);
        }
    }
}
