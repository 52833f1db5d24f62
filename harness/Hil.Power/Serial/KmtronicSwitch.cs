using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Power;

/// <summary>
/// KMTronic USB relays (relays.md §4, FTDI VCP, 9600 8N1): <c>FF n 01</c> on, <c>FF n 00</c>
/// off, no acknowledgement. <c>FF 09 00</c> reads all relays, one status byte each, on 4- and
/// 8-channel boards only; other sizes are write-only here because no source documents their read.
/// </summary>
internal sealed class KmtronicSwitch(PowerSwitchSpec spec, Stream stream, DriverContext context)
    : SerialSwitch(spec, stream, context), IPowerDriver
{
    internal static readonly byte[] ReadAll = [0xFF, 0x09, 0x00];

    public static string Drives => "kmtronic";

    public static async Task<IPowerSwitch> OpenAsync(PowerSwitchSpec spec, DriverContext context, CancellationToken cancellationToken) =>
        new KmtronicSwitch(spec, await context.Opener.OpenAsync(spec, new SerialLine(9600), cancellationToken).ConfigureAwait(false), context);

    public override bool CanReadBack => Channels is 4 or 8;

    internal static byte[] Frame(int channel, bool on) => [0xFF, (byte)channel, on ? (byte)1 : (byte)0];

    protected override Task WriteAsync(int channel, bool on, CancellationToken cancellationToken) =>
        Link.SendAsync(Frame(channel, on), cancellationToken);

    protected override async Task<bool> ReadHardwareAsync(int channel, CancellationToken cancellationToken)
    {
        await Link.SendAsync(ReadAll, cancellationToken).ConfigureAwait(false);
        var reply = await Link.ReceiveAsync(
                input => input.Count >= Channels ? Channels : 0,
                Awaiting("the read-all command FF 09 00", channel),
                cancellationToken)
            .ConfigureAwait(false);
        if (reply.Any(b => b > 1))
        {
            throw new RigFaultException(
                $"{Board}: garbled reply to FF 09 00: received {Hex.Format(reply)}, expected {Channels} bytes each 00 or 01");
        }

        return reply[channel - 1] == 1;
    }
}
