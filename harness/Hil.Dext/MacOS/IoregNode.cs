using System.Globalization;

namespace Hil.Dext.MacOS;

/// <summary>
/// One registry entry from `ioreg -l` output: "+-o Name  &lt;class C, id 0x…, …&gt;" and its
/// properties as raw ioreg text (strings keep their quotes off; numbers, arrays and dicts
/// stay as printed). <see cref="Line"/> is where the node starts in the output.
/// </summary>
public sealed record IoregNode(
    string Name,
    string ClassName,
    ulong RegistryId,
    int Depth,
    IReadOnlyDictionary<string, string> Properties,
    int Line)
{
    /// <summary>A quoted string property without its quotes, or null when absent or not a string.</summary>
    public string? GetString(string key) =>
        Properties.TryGetValue(key, out var raw) && raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"'
            ? raw[1..^1]
            : null;

    public bool Has(string key) => Properties.ContainsKey(key);

    /// <summary>A number property (ioreg prints 0x-hex or decimal), or null.</summary>
    public ulong? GetNumber(string key) =>
        Properties.TryGetValue(key, out var raw) ? ParseNumber(raw) : null;

    /// <summary>A parenthesised list of numbers, e.g. IOAssociatedServices "(0x1000,0x1002)".</summary>
    public IReadOnlyList<ulong> GetNumberList(string key)
    {
        if (!Properties.TryGetValue(key, out var raw) || raw.Length < 2 || raw[0] != '(' || raw[^1] != ')')
        {
            return [];
        }

        return raw[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ParseNumber).OfType<ulong>().ToList();
    }

    internal static ulong? ParseNumber(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return ulong.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex)
                ? hex : null;
        }

        return ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var dec) ? dec : null;
    }
}
