using System.Globalization;
using System.Text.RegularExpressions;

namespace Hil.Rigs.Parsing;

/// <summary>Typed reads of scalar fields; each failure says what was expected and what the file had.</summary>
internal static partial class Scalars
{
    public const string NameExpected = "a name of letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit)";

    public static int Int(this Field field, int min, int max)
    {
        var expected = $"an integer {min}..{max}";
        var text = field.Text(expected);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max
            ? value
            : throw field.Expected(expected);
    }

    public static double Fraction(this Field field)
    {
        const string expected = "a number 0..1";
        var text = field.Text(expected);
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && value is >= 0 and <= 1
            ? value
            : throw field.Expected(expected);
    }

    public static string Name(this Field field) => CheckName(field.Text(NameExpected), field);

    /// <summary>Names end up in lock file names, labels and baselines, so they stay file-name safe.</summary>
    public static string CheckName(string name, Field at) =>
        NamePattern().IsMatch(name) ? name : throw at.Expected(NameExpected);

    public static bool IsName(string text) => NamePattern().IsMatch(text);

    public static T Choice<T>(this Field field, IReadOnlyList<(string Text, T Value)> choices)
    {
        var expected = $"one of {string.Join(", ", choices.Select(c => c.Text))}";
        var text = field.Text(expected);
        foreach (var (choice, value) in choices)
        {
            if (choice == text)
            {
                return value;
            }
        }

        throw field.Expected(expected);
    }

    public static TimeSpan Duration(this Field field, bool allowZero)
    {
        var expected = allowZero ? RigDuration.Expected : $"a positive {RigDuration.Expected["a ".Length..]}";
        return RigDuration.TryParse(field.Text(expected), out var value) && (allowZero || value > TimeSpan.Zero)
            ? value
            : throw field.Expected(expected);
    }

    /// <summary>USB ids are written in hex as lsusb and ioreg print them; a decimal would be ambiguous.</summary>
    public static ushort Hex16(this Field field)
    {
        const string expected = "a hex integer 0x0000..0xFFFF like 0x1209";
        var text = field.Text(expected);
        return text.Length is > 2 and <= 6
            && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ushort.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw field.Expected(expected);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
