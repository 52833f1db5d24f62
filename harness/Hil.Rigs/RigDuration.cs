using System.Globalization;
using System.Text.RegularExpressions;

namespace Hil.Rigs;

/// <summary>
/// Durations as rig files and CLI flags write them: a non-negative number and a unit,
/// <c>250us</c>, <c>150ms</c>, <c>5s</c>, <c>1.5s</c>, <c>1m</c>, <c>1h</c>. A bare number is refused because its
/// unit would be a guess. At most <see cref="Max"/>: a timer cannot wait past ~49 days, so a larger
/// value would validate and then crash the wait that uses it.
/// </summary>
public static partial class RigDuration
{
    public const string Expected = "a duration like 150ms, 5s or 1m (units us, ms, s, m, h; at most 24h)";

    /// <summary>No timeout, delay or hang a rig needs is longer than a day.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromHours(24);

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var match = Pattern().Match(text);
        if (!match.Success
            || !double.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var ticks = number * match.Groups[2].Value switch
        {
            "us" => TimeSpan.TicksPerMicrosecond,
            "ms" => TimeSpan.TicksPerMillisecond,
            "s" => TimeSpan.TicksPerSecond,
            "m" => TimeSpan.TicksPerMinute,
            _ => TimeSpan.TicksPerHour,
        };
        if (ticks > Max.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    /// <summary>The shortest exact spelling in the same syntax, so a parsed value prints back as written.</summary>
    public static string Format(TimeSpan value)
    {
        (long PerUnit, string Unit)[] units =
        [
            (TimeSpan.TicksPerHour, "h"), (TimeSpan.TicksPerMinute, "m"), (TimeSpan.TicksPerSecond, "s"),
            (TimeSpan.TicksPerMillisecond, "ms"), (TimeSpan.TicksPerMicrosecond, "us"),
        ];
        foreach (var (perUnit, unit) in units)
        {
            if (value.Ticks != 0 && value.Ticks % perUnit == 0)
            {
                return $"{value.Ticks / perUnit}{unit}";
            }
        }

        return value.Ticks == 0 ? "0s" : $"{value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(us|ms|s|m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
