using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Power;

/// <summary>
/// Devantech (Robot Electronics) USB-RLY08B / USB-RLY16: 8 relays behind a USB CDC serial port,
/// opened at 19200 8N2 (the board itself ignores line settings). Single-byte commands, no
/// acknowledgement: 5A answers module ID and software version (2 bytes), 5B the relay states
/// (1 byte, bit n-1 = relay n), 5C takes the next byte as all states, 64 all on, 65..6C relay
/// 1..8 on, 6E all off, 6F..76 relay 1..8 off. Sources: robot-electronics.co.uk
/// usb_rly08btech.htm and the USB-RLY16 technical documentation (command table, page 4);
/// jkesanen/usbrly08:usbrly08.py drives the same bytes.
/// The states are read at open and after every switch: relays other than the one switched that
/// changed since this link last saw them mean a garbled reply or a board that reset (a brown-out
/// drops every relay), which must stop the run rather than power devices off unseen.
/// </summary>
internal sealed class UsbRlySwitch(PowerSwitchSpec spec, Stream stream, DriverContext context)
    : SerialSwitch(spec, stream, context), IPowerDriver
{
    internal const byte GetStates = 0x5B;
    private const byte FirstOn = 0x65;
    private const byte FirstOff = 0x6F;
    private byte _seen;
    private bool _switched;

    public static string Drives => "usbrly";

    public override bool CanReadBack => true;

    public static async Task<IPowerSwitch> OpenAsync(PowerSwitchSpec spec, DriverContext context, CancellationToken cancellationToken)
    {
        var stream = await context.Opener.OpenAsync(spec, new SerialLine(19200, StopBits: 2), cancellationToken).ConfigureAwait(false);
        return await StartAsync(new UsbRlySwitch(spec, stream, context), async board =>
            board._seen = await board.ReadStatesAsync(channel: null, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>65..6C switch relay 1..8 on, 6F..76 off.</summary>
    internal static byte Command(int relay, bool on) => (byte)((on ? FirstOn : FirstOff) + relay - 1);

    protected override Task WriteAsync(int channel, bool on, CancellationToken cancellationToken)
    {
        _switched = true;
        return Link.SendAsync(new[] { Command(channel, on) }, cancellationToken);
    }

    protected override async Task<bool> ReadHardwareAsync(int channel, CancellationToken cancellationToken)
    {
        var states = await ReadStatesAsync(channel, cancellationToken).ConfigureAwait(false);
        var bit = (byte)(1 << (channel - 1));
        var others = (byte)(((1 << Channels) - 1) & ~bit);
        if (_switched && ((states ^ _seen) & others) != 0)
        {
            throw new RigFaultException(
                $"{Board} channel {channel}: garbled reply to get relay states (5B), or the board reset: received {Hex.Format([states])}, " +
                $"expected the other relays as last seen, {Hex.Format([(byte)(_seen & others)])} under mask {Hex.Format([others])}");
        }

        _switched = false;
        _seen = states;
        return (states & bit) != 0;
    }

    private async Task<byte> ReadStatesAsync(int? channel, CancellationToken cancellationToken)
    {
        await Link.SendAsync(new[] { GetStates }, cancellationToken).ConfigureAwait(false);
        var reply = await Link.ReceiveAsync(input => input.Count >= 1 ? 1 : 0, Awaiting("get relay states (5B)", channel), cancellationToken)
            .ConfigureAwait(false);
        return reply[0];
    }
}
