using System.Collections;
using System.Globalization;

namespace Hil.Reporting.Runtime;

/// <summary>Parameter values as text, culture-free, so the same value gives the same history id on every machine.</summary>
internal static class ValueText
{
    public static string Of(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Of)) + "]",
        _ => value.ToString() ?? "",
    };
}
