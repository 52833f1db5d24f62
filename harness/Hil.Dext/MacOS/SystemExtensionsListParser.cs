using Hil.Foundation;

namespace Hil.Dext.MacOS;

/// <summary>
/// Parses `systemextensionsctl list` (reference/driverkit.md §4): a count line, a
/// "--- category" line (newer macOS appends a "(Go to 'System Settings …')" hint), a
/// TAB-separated header and TAB-separated rows.
/// </summary>
public static class SystemExtensionsListParser
{
    private const int Fields = 6;

    public static IReadOnlyList<SystemExtensionEntry> Parse(string output, string source = "systemextensionsctl list")
    {
        ArgumentNullException.ThrowIfNull(output);
        var entries = new List<SystemExtensionEntry>();
        var category = "";
        var lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0 || line.StartsWith("enabled\t", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                category = line[4..].Split(' ', 2)[0];
            }
            else if (line.EndsWith(" extension(s)", StringComparison.Ordinal))
            {
                // The count line is not checked against the rows: quoted captures are often trimmed.
                continue;
            }
            else
            {
                entries.Add(ParseRow(line, i + 1, category, source));
            }
        }

        return entries;
    }

    private static SystemExtensionEntry ParseRow(string line, int lineNumber, string category, string source)
    {
        var fields = line.Split('\t');
        if (fields.Length != Fields)
        {
            throw new InputException(
                $"{source}:{lineNumber}: expected {Fields} TAB-separated fields (enabled, active, teamID, " +
                $"bundleID (version), name, [state]), found {fields.Length}: '{line}'");
        }

        var (bundleId, version) = SplitBundle(fields[3], lineNumber, source);
        var state = fields[5].Trim();
        if (state.Length < 2 || state[0] != '[' || state[^1] != ']')
        {
            throw new InputException($"{source}:{lineNumber}: state field '{state}' is not in [brackets]");
        }

        return new SystemExtensionEntry(
            category, fields[0].Trim() == "*", fields[1].Trim() == "*", fields[2].Trim(), bundleId, version,
            fields[4].Trim(), state[1..^1], lineNumber);
    }

    private static (string BundleId, string Version) SplitBundle(string field, int lineNumber, string source)
    {
        var open = field.LastIndexOf(" (", StringComparison.Ordinal);
        if (open < 0 || !field.EndsWith(')'))
        {
            throw new InputException($"{source}:{lineNumber}: field '{field}' is not 'bundleID (version)'");
        }

        return (field[..open], field[(open + 2)..^1]);
    }
}
