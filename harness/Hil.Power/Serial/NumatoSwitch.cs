using System.Globalization;
using System.Text;
using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Power;

/// <summary>
/// Numato Lab USB relay modules (relays.md §3): ASCII commands ending in CR; the board echoes
/// the command plus LF, a query's value follows, then the prompt '>'. Channels count from 0,
/// 10 and up are letters. State is verified with <c>relay readall</c> (hex bitmask).
/// </summary>
internal sealed class NumatoSwitch(PowerSwitchSpec spec, Stream stream, DriverContext context)
    : SerialSwitch(spec, stream, context), IPowerDriver
{
    public static string Drives => "numato";

    public static async Task<IPowerSwitch> OpenAsync(PowerSwitchSpec spec, DriverContext context, CancellationToken cancellationToken) =>
        new NumatoSwitch(spec, await context.Opener.OpenAsync(spec, new SerialLine(9600), cancellationToken).ConfigureAwait(false), context);

    public override bool CanReadBack => true;

    internal static char ChannelChar(int channel) =>
        channel < 10 ? (char)('0' + channel) : (char)('A' + channel - 10);

    protected override async Task WriteAsync(int channel, bool on, CancellationToken cancellationToken)
    {
        var value = await CommandAsync($"relay {(on ? "on" : "off")} {ChannelChar(channel)}", channel, cancellationToken)
            .ConfigureAwait(false);
        if (value.Length != 0)
        {
            throw Garbled($"relay {(on ? "on" : "off")} {ChannelChar(channel)}", Encoding.ASCII.GetBytes(value), "no value after the echo");
        }
    }

    protected override async Task<bool> ReadHardwareAsync(int channel, CancellationToken cancellationToken)
    {
        const string command = "relay readall";
        var value = await CommandAsync(command, channel, cancellationToken).ConfigureAwait(false);
        if (value.Length == 0 || !ulong.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mask))
        {
            throw Garbled(command, Encoding.ASCII.GetBytes(value), "a hex bitmask such as 00 or 0000");
        }

        return ((mask >> channel) & 1) == 1;
    }

    /// <summary>Sends one command and returns the value between the echo and the prompt (trimmed of CR/LF).</summary>
    private async Task<string> CommandAsync(string command, int channel, CancellationToken cancellationToken)
    {
        await Link.SendAsync(Encoding.ASCII.GetBytes(command + "\r"), cancellationToken).ConfigureAwait(false);
        var reply = await Link.ReceiveAsync(UpToPrompt, Awaiting($"'{command}'", channel), cancellationToken)
            .ConfigureAwait(false);
        var echo = Encoding.ASCII.GetBytes(command + "\r\n");
        if (!reply.AsSpan().StartsWith(echo))
        {
            throw Garbled(command, reply, $"the echo {Hex.Format(echo)} then the prompt 3E ('>')");
        }

        return Encoding.ASCII.GetString(reply, echo.Length, reply.Length - echo.Length - 1).Trim('\r', '\n');
    }

    private RigFaultException Garbled(string command, IEnumerable<byte> received, string expected) =>
        new($"{Board}: garbled reply to '{command}': received {Hex.Format(received)}, expected {expected}");

    private static int UpToPrompt(IReadOnlyList<byte> input)
    {
        for (var i = 0; i < input.Count; i++)
        {
            if (input[i] == (byte)'>')
            {
                return i + 1;
            }
        }

        return 0;
    }
}
