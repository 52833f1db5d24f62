using Hil.Rigs;

namespace Hil.Sim.Relays;

/// <summary>
/// Devantech USB-RLY08B / USB-RLY16 (robot-electronics.co.uk usb_rly08btech.htm; the USB-RLY16
/// technical documentation's command table): one byte a command, answering only 5A (module ID,
/// 8 as the USB-RLY08 documentation gives it, then a software version) and 5B (the relay states,
/// bit n-1 = relay n); 5C sets every relay from the byte after it; 64/6E all on/off; 65..6C and
/// 6F..76 relay 1..8 on and off. Other bytes are ignored: the board has no error reply.
/// </summary>
internal sealed class UsbRlyEmulator(int channels) : SerialRelayEmulator("usbrly", channels), IRelayEmulatorFactory
{
    internal const byte ModuleId = 8;
    internal const byte SoftwareVersion = 2;
    private bool _statesNext;

    static string IRelayEmulatorFactory.Emulates => "usbrly";

    static RelayEmulatorBase IRelayEmulatorFactory.Create(PowerSwitchSpec spec) => new UsbRlyEmulator(spec.Channels);

    protected override void OnByte(byte b, List<byte> reply)
    {
        if (_statesNext)
        {
            _statesNext = false;
            SetAll(b);
            return;
        }

        switch (b)
        {
            case 0x5A:
                reply.AddRange([ModuleId, SoftwareVersion]);
                break;
            case 0x5B:
                reply.Add((byte)Mask());
                break;
            case 0x5C:
                _statesNext = true;
                break;
            case 0x64 or 0x6E:
                SetAll(b == 0x64 ? (byte)0xFF : (byte)0x00);
                break;
            case >= 0x65 and <= 0x6C:
                Set(b - 0x64, on: true);
                break;
            case >= 0x6F and <= 0x76:
                Set(b - 0x6E, on: false);
                break;
        }
    }

    private void SetAll(byte states)
    {
        for (var relay = 1; relay <= 8; relay++)
        {
            Set(relay, ((states >> (relay - 1)) & 1) == 1);
        }
    }
}
