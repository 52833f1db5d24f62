using System.Text.RegularExpressions;
using Hil.Foundation;

namespace Hil.Dext.MacOS;

/// <summary>
/// Parses `systemextensionsctl list` (reference/driverkit.md §4): a count line, a
/// "--- category" line (newer macOS appends a "(Go to 'System Settings …')" hint), a header
/// and one row per extension. Rows are read by their brackets — the bundle ID right before
/// "(version)", the state in the trailing "[…]" — not by TAB count: captures pasted into
/// issues turn TABs into runs of spaces, and a blank leading `enabled` column gets trimmed.
/// </summary>
public static partial class SystemExtensionsListParser
{
    private const string Shape = "'enabled active teamID bundleID (version) name [state]'";

    public static IReadOnlyList<SystemExtensionEntry> Parse(string output, string source = "systemextensionsctl list")
    {
        ArgumentNullException.ThrowIfNull(output);
        var entries = new List<SystemExtensionEntry>();
        var category = "";
        var lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0 || Header().IsMatch(line) || CountLine().IsMatch(line))
            {
                // The count line is not checked against the rows: quoted captures are often trimmed.
                continue;
            }

            if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                category = line[4..].Split(' ', 2)[0];
                continue;
            }

            entries.Add(ParseRow(line, i + 1, category, source));
        }

        return entries;
    }

    private static SystemExtensionEntry ParseRow(string line, int lineNumber, string category, string source)
    {
        var row = Row().Match(line.TrimEnd());
        if (!row.Success)
        {
            throw new InputException(
                $"{source}:{lineNumber}: row '{line.Trim()}' is not {Shape}: expected a bundle ID followed by " +
                "'(version)' and the state in [brackets] at the end");
        }

        var (enabled, active, teamId) = Flags(row.Groups["lead"].Value, lineNumber, line, source);
        return new SystemExtensionEntry(
            category, enabled, active, teamId, row.Groups["bundle"].Value, row.Groups["version"].Value,
            row.Groups["name"].Value.Trim(), row.Groups["state"].Value.Trim(), lineNumber);
    }

    /// <summary>
    /// What precedes the bundle ID: the two flag columns ("*", "-" or blank) and the team ID.
    /// With the TABs intact the columns are exact; otherwise the words are aligned to the right,
    /// because only a leading blank column can vanish when a row is trimmed.
    /// </summary>
    private static (bool Enabled, bool Active, string TeamId) Flags(string lead, int lineNumber, string line, string source)
    {
        var byTab = lead.TrimEnd().Split('\t');
        var words = byTab.Length == 3
            ? byTab.Select(w => w.Trim()).ToArray()
            : lead.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 3 || words[..^1].Any(w => w is not ("*" or "-" or "")))
        {
            throw new InputException(
                $"{source}:{lineNumber}: row '{line.Trim()}' is not {Shape}: before the bundle ID expected the " +
                $"enabled and active flags (*, - or blank) and a team ID, found '{lead.Trim()}'");
        }

        var flags = new string[2];
        Array.Fill(flags, "");
        words[..^1].CopyTo(flags, 2 - (words.Length - 1));
        return (flags[0] == "*", flags[1] == "*", words[^1]);
    }

    [GeneratedRegex(@"^enabled\s+active\s+teamID\s")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\d+ extension\(s\)\s*$")]
    private static partial Regex CountLine();

    [GeneratedRegex(@"^(?<lead>.*?)(?<bundle>[^\s()]+) \((?<version>[^()]*)\)\s+(?<name>.*?)\s*\[(?<state>[^\[\]]+)\]$")]
    private static partial Regex Row();
}
