using System.Text.Json;
using Hil.Foundation;

namespace Hil.Rigs;

/// <summary>
/// A dext build directory (dext/README.md "A dext build"): the build's own Info.plist, its
/// hil-simhost and build.json saying what it is. The one place that reads and checks one;
/// every error names the file and the field.
/// </summary>
public sealed record DextBuild(
    string Directory, string BundleId, string IdentitySuffix, long SendExtraNs, string SourceCommit, string BuiltUtc)
{
    public const string PlistName = "Info.plist";
    public const string SimHostName = "hil-simhost";
    public const string ManifestName = "build.json";

    public string PlistPath => Path.Combine(Directory, PlistName);

    public string SimHostPath => Path.Combine(Directory, SimHostName);

    /// <summary>Reads and checks the build in <paramref name="directory"/>.</summary>
    /// <exception cref="InputException">A file is missing or build.json lacks a field or has one of the wrong kind.</exception>
    public static DextBuild Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var dir = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(dir))
        {
            throw new InputException($"{dir}: no such dext build directory (make one with `hil dext build --out DIR`)");
        }

        foreach (var name in new[] { PlistName, SimHostName, ManifestName })
        {
            if (!File.Exists(Path.Combine(dir, name)))
            {
                throw new InputException($"{Path.Combine(dir, name)}: missing; a dext build holds {PlistName}, {SimHostName} and {ManifestName}");
            }
        }

        return Parse(File.ReadAllText(Path.Combine(dir, ManifestName)), dir);
    }

    /// <summary>build.json's text, as <see cref="Load"/> reads it.</summary>
    public static DextBuild Parse(string json, string directory)
    {
        var file = Path.Combine(directory, ManifestName);
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException e)
        {
            throw new InputException($"{file}: not JSON: {e.Message}", e);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InputException($"{file}: expected a JSON object with bundle_id, identity_suffix, send_extra_ns, source_commit, built_utc");
        }

        var extra = Field(root, file, "send_extra_ns", JsonValueKind.Number, "a whole number of ns, 0 or more");
        if (!extra.TryGetInt64(out var ns) || ns < 0)
        {
            throw new InputException($"{file}: field 'send_extra_ns' must be a whole number of ns, 0 or more; got {extra.GetRawText()}");
        }

        return new DextBuild(
            directory,
            Field(root, file, "bundle_id", JsonValueKind.String, "the build's bundle id").GetString()!,
            Field(root, file, "identity_suffix", JsonValueKind.String, "the identity suffix (\"\" for none)").GetString()!,
            ns,
            Field(root, file, "source_commit", JsonValueKind.String, "the source commit").GetString()!,
            Field(root, file, "built_utc", JsonValueKind.String, "an ISO-8601 UTC time").GetString()!);
    }

    /// <summary>build.json for this build, in the field order the README documents.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new Dictionary<string, object>
        {
            ["bundle_id"] = BundleId, ["identity_suffix"] = IdentitySuffix, ["send_extra_ns"] = SendExtraNs,
            ["source_commit"] = SourceCommit, ["built_utc"] = BuiltUtc,
        },
        new JsonSerializerOptions { WriteIndented = true }) + "\n";

    private static JsonElement Field(JsonElement root, string file, string name, JsonValueKind kind, string expected) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new InputException($"{file}: field '{name}' must be {expected}; "
                + (root.TryGetProperty(name, out var got) ? $"got {got.GetRawText()}" : "it is missing"));
}
