using System.Globalization;
using Hil.Foundation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hil.Reporting.Quarantine;

/// <summary>One quarantined test: who owns the fix, why, and the day the quarantine ends; <see cref="Where"/> is its file:line.</summary>
public sealed record QuarantineEntry(string Test, string Owner, string Reason, DateOnly Expires, string Where)
{
    /// <summary>The entry names a test by its full name (Namespace.Class.Method), with or without the parameter list.</summary>
    public bool Covers(string? fullName) =>
        fullName is not null && (fullName == Test || fullName.StartsWith(Test + "(", StringComparison.Ordinal));
}

/// <summary>
/// reports/quarantine.yaml: tests whose failures are reported (tagged quarantined, with owner and
/// reason) but do not fail the night. Every entry has an expiry date; an expired entry fails the run
/// before it starts, so a quarantine is never forgotten. Read with file:line on every error.
/// </summary>
public static class QuarantineFile
{
    public const string Tag = "quarantined";

    private static readonly string[] Keys = ["test", "owner", "reason", "expires"];

    /// <summary>The one quarantine file, relative to the repository root.</summary>
    public static string DefaultPath() => Path.Combine(ReportPaths.ReportsDirectory(), "quarantine.yaml");

    /// <summary>The entries; none when the file is missing. Throws naming file:line for a bad or expired entry.</summary>
    public static IReadOnlyList<QuarantineEntry> Load(string path, DateOnly today)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new InputException($"{path}:{ex.Start.Line}: not valid YAML: {ex.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        var root = stream.Documents[0].RootNode as YamlMappingNode
            ?? throw Error(path, stream.Documents[0].RootNode, "expected a mapping with one key, quarantine: [entries]");
        var list = root.Children.Count == 1 && root.Children.TryGetValue(new YamlScalarNode("quarantine"), out var node)
            ? node
            : throw Error(path, root, "expected exactly one key, quarantine");
        if (list is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        var entries = (list as YamlSequenceNode ?? throw Error(path, list, "quarantine: expected a list of { test, owner, reason, expires }"))
            .Children.Select(n => Entry(path, n)).ToList();
        var expired = entries.Where(e => e.Expires < today).ToList();
        if (expired.Count > 0)
        {
            throw new InputException(string.Join("\n", expired.Select(e =>
                $"{e.Where}: the quarantine of {e.Test} (owner {e.Owner}) expired on {e.Expires:yyyy-MM-dd}: fix the test, or renew the entry with a new date and reason")));
        }

        return entries;
    }

    private static QuarantineEntry Entry(string path, YamlNode node)
    {
        var map = node as YamlMappingNode ?? throw Error(path, node, "expected an entry { test, owner, reason, expires }");
        foreach (var key in map.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } k } || !Keys.Contains(k))
            {
                throw Error(path, key, $"unknown key {key}; known keys: {string.Join(", ", Keys)}");
            }
        }

        string Text(string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode { Value: { Length: > 0 } s }
                ? s
                : throw Error(path, map, $"{key}: missing (every entry names its test, owner, reason and expiry date)");
        var expires = Text("expires");
        return DateOnly.TryParseExact(expires, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new QuarantineEntry(Text("test"), Text("owner"), Text("reason"), date, $"{path}:{map.Start.Line}")
            : throw Error(path, map.Children[new YamlScalarNode("expires")], $"expires: expected a date like 2027-01-31, got '{expires}'");
    }

    private static InputException Error(string path, YamlNode node, string what) => new($"{path}:{node.Start.Line}: {what}");
}
