using System.Text;
using System.Text.Json.Nodes;
using Hil.Dext;
using Hil.Latency.Files;
using Hil.Rigs;

namespace Hil.Fuzz.Tests;

/// <summary>A parser under fuzz: its seeds (real files of the repository) and the call that parses one input.</summary>
internal sealed record FuzzTarget(string Name, IReadOnlyList<byte[]> Seeds, Action<string> Parse)
{
    public override string ToString() => Name;
}

/// <summary>The C# parsers of untrusted input: rig files, dext plists and measurement files.</summary>
internal static class FuzzTargets
{
    /// <summary>Tokens of the three syntaxes, and values that sit on a range's edge.</summary>
    public static readonly IReadOnlyList<byte[]> Dictionary = new[]
    {
        ":", "- ", "{", "}", "[", "]", ",", "\n", "\n  ", "\n    - ", "&a ", "*a", "<<: *a", "!!str ", "!!binary ", "---\n", "...\n",
        "? ", "|\n", ">\n", "'", "\"", "#", "~", "null", "true", "0x", "0xFFFF", "0x10000", "-1", "0", "2147483648",
        "1e999", "NaN", "Infinity", "-Infinity", ".inf", "24h", "2000h", "0ms", "1.5s", "99999999999999h", "/", "..", "../",
        "relay1/", "relay-timeout", "dext-crash", "after: ", "kind: ", "target: ", "faults: ", "sim:", "power:", "devices:",
        "<dict>", "</dict>", "<key>", "</key>", "<array>", "</array>", "<string>", "</string>", "<integer>", "</integer>",
        "<true/>", "<plist>", "<!DOCTYPE plist [<!ENTITY x \"xx\">]>", "&x;", "<![CDATA[", "]]>", "&#0;", "&#x10FFFF;",
        "bplist00", "IOKitPersonalities", "\"format\": ", "\"hil-latency-run/1\"", "\"samples\": ", "\"histogram\": ",
        "\"data\": ", "\"count\": ", "\"AAAA\"", "\\u0000", "\uFEFF", "\0", "\t", "\r\n",
    }.Select(Encoding.UTF8.GetBytes).ToList();

    public static IReadOnlyList<FuzzTarget> All(string repositoryRoot) =>
    [
        new("rig file", RigSeeds(repositoryRoot), text => RigFile.Parse(text, "fuzz.yaml")),
        new("dext plist", [File.ReadAllBytes(Path.Combine(repositoryRoot, "dext", "driverkit", "Info.plist"))], text => DextPlist.Parse(text, "fuzz.plist")),
        new("measurement file", [SmallRunFile(repositoryRoot)], text => LatencyRunFile.FromJson(text, "fuzz.json")),
    ];

    private static List<byte[]> RigSeeds(string root) =>
        [.. Directory.EnumerateFiles(Path.Combine(root, "rigs"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];

    /// <summary>
    /// A real measurement file with its subsample cut to eight values: the same shape, a hundredth
    /// of the bytes, so a million inputs take minutes rather than hours.
    /// </summary>
    private static byte[] SmallRunFile(string root)
    {
        var folder = Path.Combine(root, "benchmarks", "gate-runs-beside");
        var path = Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).First();
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var subsample = json["subsample"]!.AsObject();
        var values = Convert.FromBase64String(subsample["data"]!.GetValue<string>()).AsSpan(0, 64).ToArray();
        subsample["data"] = Convert.ToBase64String(values);
        subsample["count"] = 8;
        var text = json.ToJsonString();
        _ = LatencyRunFile.FromJson(text, path);
        return Encoding.UTF8.GetBytes(text);
    }
}
