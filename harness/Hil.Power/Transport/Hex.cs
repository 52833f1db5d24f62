namespace Hil.Power;

internal static class Hex
{
    /// <summary>"A0 01 01 A2": how every garbled-reply error shows bytes.</summary>
    public static string Format(IEnumerable<byte> bytes)
    {
        var text = string.Join(' ', bytes.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        return text.Length == 0 ? "(nothing)" : text;
    }
}
