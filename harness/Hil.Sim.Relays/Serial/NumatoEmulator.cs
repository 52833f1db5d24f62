using System.Globalization;
using System.Text;
using Hil.Rigs;

namespace Hil.Sim.Relays;

/// <summary>
/// Numato Lab USB relay module (relays.md §3): echoes each command with its CR plus LF; a
/// query's value follows, then LF CR; every reply ends with the prompt '>'. Channels 0..N-1,
/// 10 and up written as letters A…V.
/// </summary>
internal sealed class NumatoEmulator(int channels) : SerialRelayEmulator("numato", channels), IRelayEmulatorFactory
{
    private readonly StringBuilder _line = new();

    static string IRelayEmulatorFactory.Emulates => "numato";

    static RelayEmulatorBase IRelayEmulatorFactory.Create(PowerSwitchSpec spec) => new NumatoEmulator(spec.Channels);

    protected override void OnByte(byte b, List<byte> reply)
    {
        if (b != '\r')
        {
            _line.Append((char)b);
            return;
        }

        var command = _line.ToString();
        _line.Clear();
        reply.AddRange(Encoding.ASCII.GetBytes(command + "\r\n"));
        if (Execute(command.Trim()) is { } value)
        {
            reply.AddRange(Encoding.ASCII.GetBytes(value + "\n\r"));
        }

        reply.Add((byte)'>');
    }

    /// <summary>Runs one command; returns the value a query prints, or null for commands that print none.</summary>
    private string? Execute(string command)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words switch
        {
            ["relay", "on", var ch] => Switch(ch, on: true),
            ["relay", "off", var ch] => Switch(ch, on: false),
            ["relay", "read", var ch] => Channel(ch) is { } c ? (IsOn(c) ? "on" : "off") : null,
            ["relay", "readall"] => Mask().ToString("X" + Digits(), CultureInfo.InvariantCulture),
            ["relay", "writeall", var hex] => WriteAll(hex),
            ["reset"] => WriteAll("0"),
            ["ver"] => "00000008",
            ["id", "get"] => "00000000",
            _ => null,
        };
    }

    private string? Switch(string ch, bool on)
    {
        if (Channel(ch) is { } c)
        {
            Set(c, on);
        }

        return null;
    }

    private string? WriteAll(string hex)
    {
        if (ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mask))
        {
            for (var c = 0; c < Channels; c++)
            {
                Set(c, ((mask >> c) & 1) == 1);
            }
        }

        return null;
    }

    private int? Channel(string token) => token switch
    {
        [var d] when d is >= '0' and <= '9' => d - '0',
        [var l] when l is >= 'A' and <= 'V' => l - 'A' + 10,
        _ => null,
    };

    /// <summary>2 hex digits for 8 channels, 4 for 16 (relays.md §3); 8 for 32.</summary>
    private int Digits() => Channels <= 8 ? 2 : Channels <= 16 ? 4 : 8;
}
