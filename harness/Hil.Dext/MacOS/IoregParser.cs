using System.Text.RegularExpressions;

namespace Hil.Dext.MacOS;

/// <summary>
/// Parses `ioreg -l -w0 -r …` output into nodes, and IOUserServer nodes into
/// <see cref="IoUserServer"/>s (reference/driverkit.md §4). Accepts both the full `-l` form
/// (properties between "| {" and "| }") and the outline form that lists properties
/// indented under the node; lines cut by a narrow terminal (ending in '$') keep their text.
/// </summary>
public static partial class IoregParser
{
    public static IReadOnlyList<IoregNode> ParseNodes(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var nodes = new List<IoregNode>();
        NodeBuilder? current = null;
        var lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var header = NodeLine().Match(lines[i]);
            if (header.Success)
            {
                if (current is not null)
                {
                    nodes.Add(current.Build());
                }

                current = new NodeBuilder(header, i + 1);
                continue;
            }

            var property = PropertyLine().Match(lines[i]);
            if (property.Success && current is not null)
            {
                current.Properties[property.Groups["key"].Value] = property.Groups["value"].Value.TrimEnd();
            }
        }

        if (current is not null)
        {
            nodes.Add(current.Build());
        }

        return nodes;
    }

    /// <summary>Every IOUserServer node in `ioreg -l -w0 -r -c IOUserServer` output: one per dext process.</summary>
    public static IReadOnlyList<IoUserServer> ParseUserServers(string output) =>
        ParseNodes(output).Where(n => n.ClassName == "IOUserServer").Select(IoUserServer.FromNode).ToList();

    [GeneratedRegex(@"^[\s|]*\+-o (?<name>.+?)  <class (?<class>[^,>]+), id (?<id>0x[0-9a-fA-F]+)")]
    private static partial Regex NodeLine();

    [GeneratedRegex(@"^[\s|]*""(?<key>[^""]+)"" = (?<value>.*)$")]
    private static partial Regex PropertyLine();

    private sealed class NodeBuilder(Match header, int line)
    {
        public Dictionary<string, string> Properties { get; } = new(StringComparer.Ordinal);

        public IoregNode Build() => new(
            header.Groups["name"].Value,
            header.Groups["class"].Value,
            IoregNode.ParseNumber(header.Groups["id"].Value) ?? 0,
            header.Index + header.Value.IndexOf("+-o", StringComparison.Ordinal),
            Properties,
            line);
    }
}
