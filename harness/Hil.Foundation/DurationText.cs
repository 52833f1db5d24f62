using System.Globalization;

namespace Hil.Foundation;

/// <summary>
/// Durations as people read them, the way BenchmarkDotNet prints them: three significant digits in
/// the unit that keeps the number between 1 and 1000 ("48.2 µs", "2.91 ms", "420 ns"), thousands
/// separated past the largest unit ("1,240 s"). The one formatter for every table and plot label; JSON
/// keeps raw nanoseconds.
/// </summary>
public static class DurationText
{
    private static readonly (double Nanoseconds, string Name)[] Units = [(1, "ns"), (1e3, "µs"), (1e6, "ms"), (1e9, "s")];

    /// <summary>Three significant digits, trailing zeros kept so a column lines up: "1.00 ms".</summary>
    public static string Of(double nanoseconds) => Format(nanoseconds, trimZeros: false);

    /// <summary>As <see cref="Of"/> without trailing zeros, for axis ticks: "1 ms", "2.5 µs".</summary>
    public static string Tick(double nanoseconds) => Format(nanoseconds, trimZeros: true);

    private static string Format(double nanoseconds, bool trimZeros)
    {
        if (!double.IsFinite(nanoseconds))
        {
            return "n/a";
        }

        if (nanoseconds == 0)
        {
            return "0 ns";
        }

        var sign = nanoseconds < 0 ? "-" : string.Empty;
        var rounded = ThreeSignificant(Math.Abs(nanoseconds));
        var unit = Units.Last(u => u.Nanoseconds <= Math.Max(rounded, 1));
        var value = rounded / unit.Nanoseconds;
        if (value >= 1000)
        {
            return $"{sign}{value.ToString("N0", CultureInfo.InvariantCulture)} {unit.Name}";
        }

        var decimals = Math.Max(0, 3 - IntegerDigits(value));
        var text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (trimZeros && text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return $"{sign}{text} {unit.Name}";
    }

    /// <summary>Rounded before the unit is chosen, so 999.7 ns reads "1.00 µs", not "1000 ns".</summary>
    private static double ThreeSignificant(double magnitude)
    {
        var scale = Math.Pow(10, Math.Floor(Math.Log10(magnitude)) - 2);
        return Math.Round(magnitude / scale) * scale;
    }

    /// <summary>Digits before the point; zero or less below 1 (0.05 has -1), so three significant digits stay three.</summary>
    private static int IntegerDigits(double value) => (int)Math.Floor(Math.Log10(value)) + 1;
}
