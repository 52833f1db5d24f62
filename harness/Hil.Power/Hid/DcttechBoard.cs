using System.Globalization;
using System.Text;

namespace Hil.Power;

/// <summary>dcttech "USBRelayN" HID facts (relays.md §1) in one place, shared by driver, list and emulator tests.</summary>
public static class DcttechBoard
{
    public const ushort VendorId = 0x16C0;
    public const ushort ProductId = 0x05DF;
    public const string ProductPrefix = "USBRelay";
    public const byte CmdOn = 0xFF;
    public const byte CmdOff = 0xFD;
    public const int ReportLength = 8;

    /// <summary>The channel count is the product string's suffix ("USBRelay8"), not part of the protocol.</summary>
    public static int? ChannelsOf(string? product) =>
        product is not null && product.StartsWith(ProductPrefix, StringComparison.Ordinal)
        && int.TryParse(product.AsSpan(ProductPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    /// <summary>SET_REPORT payload: [cmd, relay, 0 × 6].</summary>
    public static byte[] SwitchReport(int channel, bool on) => [on ? CmdOn : CmdOff, (byte)channel, 0, 0, 0, 0, 0, 0];

    /// <summary>GET_REPORT reply: bytes 0–4 the board ID, byte 5 zero, byte 7 the relay bitmask.</summary>
    public static bool TryParseState(ReadOnlySpan<byte> report, out string boardId, out byte mask)
    {
        boardId = "";
        mask = 0;
        if (report.Length != ReportLength || report[5] != 0)
        {
            return false;
        }

        boardId = Encoding.ASCII.GetString(report[..5]).TrimEnd('\0');
        mask = report[7];
        return true;
    }
}
