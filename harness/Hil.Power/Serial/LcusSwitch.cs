using System.Text;
using System.Text.RegularExpressions;
using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Power;

/// <summary>
/// LCUS-1/2/4/8 CH340 modules (relays.md §2): 9600 8N1, frames <c>A0 ch op sum</c> with
/// sum = (A0 + ch + op) &amp; FF, no acknowledgement. Read-back depends on the firmware: some
/// answer 0xFF with "CH1:OFF \r\n" lines, many answer nothing. The driver asks once when it
/// opens; a board that answers is verified after every switch, one that does not is
/// write-only (CanReadBack false) and must be verified by its downstream effect.
/// </summary>
internal sealed partial class LcusSwitch : SerialSwitch, IPowerDriver
{
    private const byte Query = 0xFF;
    private bool _canReadBack;

    private LcusSwitch(PowerSwitchSpec spec, Stream stream, DriverContext context)
        : base(spec, stream, context)
    {
    }

    public static string Drives => "lcus";

    public override bool CanReadBack => _canReadBack;

    public static async Task<IPowerSwitch> OpenAsync(PowerSwitchSpec spec, DriverContext context, CancellationToken cancellationToken)
    {
        var stream = await context.Opener.OpenAsync(spec, new SerialLine(9600), cancellationToken).ConfigureAwait(false);
        return await StartAsync(new LcusSwitch(spec, stream, context), async board =>
            board._canReadBack = await board.AnswersQueryAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
    }

    internal static byte[] Frame(int channel, bool on)
    {
        var op = on ? (byte)1 : (byte)0;
        return [0xA0, (byte)channel, op, (byte)((0xA0 + channel + op) & 0xFF)];
    }

    protected override Task WriteAsync(int channel, bool on, CancellationToken cancellationToken) =>
        Link.SendAsync(Frame(channel, on), cancellationToken);

    protected override async Task<bool> ReadHardwareAsync(int channel, CancellationToken cancellationToken)
    {
        var states = await QueryAsync(channel, cancellationToken).ConfigureAwait(false);
        return states[channel];
    }

    /// <summary>Whether this firmware answers the status query at all; a silent board is write-only.</summary>
    private async Task<bool> AnswersQueryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await QueryAsync(channel: null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (WaitTimeoutException)
        {
            return false;
        }
    }

    private async Task<Dictionary<int, bool>> QueryAsync(int? channel, CancellationToken cancellationToken)
    {
        await Link.SendAsync(new[] { Query }, cancellationToken).ConfigureAwait(false);
        var reply = await Link.ReceiveAsync(AllLines, Awaiting("the status query FF", channel), cancellationToken)
            .ConfigureAwait(false);
        var states = new Dictionary<int, bool>();
        foreach (Match m in StatusLine().Matches(Encoding.ASCII.GetString(reply)))
        {
            states[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)] = m.Groups[2].Value == "ON";
        }

        for (var ch = 1; ch <= Channels; ch++)
        {
            if (!states.ContainsKey(ch))
            {
                throw new RigFaultException(
                    $"{Board}: garbled reply to the status query FF: received {Hex.Format(reply)}, expected {Channels} lines 'CHn:ON|OFF \\r\\n' covering CH1..CH{Channels}");
            }
        }

        return states;
    }

    private int AllLines(IReadOnlyList<byte> input)
    {
        var lines = 0;
        for (var i = 1; i < input.Count; i++)
        {
            if (input[i - 1] == '\r' && input[i] == '\n' && ++lines == Channels)
            {
                return i + 1;
            }
        }

        return 0;
    }

    [GeneratedRegex(@"CH(\d+):(ON|OFF)")]
    private static partial Regex StatusLine();
}
