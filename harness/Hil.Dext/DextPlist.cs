using System.Collections.Immutable;
using Hil.Dext.Plist;
using Hil.Foundation;
using Hil.Foundation.Files;
using Hil.Rigs;

namespace Hil.Dext;

/// <summary>
/// The dext's Info.plist as the kernel reads it for matching: its bundle identity and
/// IOKitPersonalities in file order. Every error names the plist path, line and key.
/// </summary>
public sealed class DextPlist
{
    /// <summary>An Info.plist is a few KB; the cap refuses a wrong path before it is read into memory.</summary>
    public const int MaxBytes = 4 << 20;

    private DextPlist(string path, string? bundleId, string? bundleVersion, ImmutableArray<DextPersonality> personalities)
    {
        Path = path;
        BundleIdentifier = bundleId;
        BundleVersion = bundleVersion;
        Personalities = personalities;
    }

    public string Path { get; }

    /// <summary>CFBundleIdentifier as written; may be an Xcode variable such as $(PRODUCT_BUNDLE_IDENTIFIER).</summary>
    public string? BundleIdentifier { get; }

    public string? BundleVersion { get; }

    public ImmutableArray<DextPersonality> Personalities { get; }

    public static DextPlist Load(string path)
    {
        return Parse(InputFile.ReadAllText(path, "the dext's Info.plist (XML)", MaxBytes), path);
    }

    /// <summary>The rig's plist: an absolute path as given, a relative one from the repository root.</summary>
    /// <remarks>The rig's <see cref="DextRoles"/> decide each personality's role; a personality or user-client class they name that the plist lacks is an error at the rig's line.</remarks>
    public static DextPlist LoadForRig(DextSpec dext, string? searchStart = null)
    {
        ArgumentNullException.ThrowIfNull(dext);
        var path = System.IO.Path.IsPathRooted(dext.PlistPath)
            ? dext.PlistPath
            : System.IO.Path.Combine(RepositoryRoot.Find(searchStart), dext.PlistPath);
        var plist = Parse(InputFile.ReadAllText(path, "the dext's Info.plist (XML)", MaxBytes), path, dext.Roles);
        var missing = dext.Roles.Driver1.Concat(dext.Roles.Driver2)
            .FirstOrDefault(name => !plist.Personalities.Any(p => p.Name == name));
        if (missing is null)
        {
            UserClientClasses.Check(plist, dext.Roles);
            return plist;
        }

        throw new InputException($"{dext.Roles.Where}: dext: personality '{missing}' is not in {path}; "
            + $"its IOKitPersonalities are {string.Join(", ", plist.Personalities.Select(p => p.Name))}");
    }

    public static DextPlist Parse(string xml, string sourcePath) => Parse(xml, sourcePath, DextRoles.Probe);

    public static DextPlist Parse(string xml, string sourcePath, DextRoles roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var root = PlistXmlReader.Read(xml, sourcePath) as PlistDict
            ?? throw new InputException($"{sourcePath}: the top-level value must be a <dict>");
        var personalities = root.Find("IOKitPersonalities") switch
        {
            PlistDict dict => dict,
            null => throw new InputException($"{sourcePath}:{root.Line}: key 'IOKitPersonalities' is missing"),
            var other => throw new InputException(
                $"{sourcePath}:{other.Line}: key 'IOKitPersonalities' must be a dict, found {other.TypeName}"),
        };
        if (personalities.Entries.Count == 0)
        {
            throw new InputException($"{sourcePath}:{personalities.Line}: IOKitPersonalities is empty");
        }

        var read = personalities.Entries
            .Select(e => PersonalityReader.Read(e.Key, e.Value, sourcePath, roles))
            .ToImmutableArray();
        return new DextPlist(
            sourcePath, OptionalString(root, "CFBundleIdentifier", sourcePath),
            OptionalString(root, "CFBundleVersion", sourcePath), read);
    }

    private static string? OptionalString(PlistDict dict, string key, string sourcePath) => dict.Find(key) switch
    {
        null => null,
        PlistString s => s.Value,
        var other => throw new InputException($"{sourcePath}:{other.Line}: key '{key}' must be a string, found {other.TypeName}"),
    };
}
