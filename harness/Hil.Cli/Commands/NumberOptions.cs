using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Hil.Cli.Commands;

/// <summary>The values a numeric option accepts; an exclusive end is itself refused.</summary>
internal sealed record NumberRange<T>(T Min, T Max, bool MinExclusive = false, bool MaxExclusive = false)
    where T : struct, INumber<T>
{
    /// <summary>NaN fails every comparison, so asking "inside?" (never "outside?") refuses it too.</summary>
    public bool Contains(T value) =>
        (MinExclusive ? value > Min : value >= Min) && (MaxExclusive ? value < Max : value <= Max);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(MinExclusive ? "greater than" : "from")} {Min} {(MaxExclusive ? "and less than" : MinExclusive ? "and at most" : "to")} {Max}");
}

/// <summary>
/// Every numeric option of every verb is built here, with its range, so none lets a NaN, an
/// infinity or an out-of-range value through: such a value is a parse error (exit 2) naming
/// the option and the range it expected.
/// </summary>
internal static class NumberOptions
{
    public static Option<T> InRange<T>(string name, string description, T defaultValue, NumberRange<T> range)
        where T : struct, INumber<T>
    {
        var option = new Option<T>(name) { Description = $"{description} ({range})", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result => Check(result, name, range));
        return option;
    }

    /// <summary>As <see cref="InRange{T}"/>, for an option that may be left out (no default).</summary>
    public static Option<T?> Optional<T>(string name, string description, NumberRange<T> range)
        where T : struct, INumber<T>
    {
        var option = new Option<T?>(name) { Description = $"{description} ({range})" };
        option.Validators.Add(result => Check(result, name, range));
        return option;
    }

    /// <summary>
    /// Judges the typed text, not the converted value: the validator also runs when conversion
    /// failed ("NaN" for an integer), and the parser's own error, which names the option, stands then.
    /// The current culture, as System.CommandLine's converter reads numbers, so the two agree.
    /// </summary>
    private static void Check<T>(OptionResult result, string name, NumberRange<T> range)
        where T : struct, INumber<T>
    {
        if (result.Tokens.Count > 0
            && T.TryParse(result.Tokens[^1].Value, CultureInfo.CurrentCulture, out var value)
            && !range.Contains(value))
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} {value}: expected a finite number {range}"));
        }
    }
}
