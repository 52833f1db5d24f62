using System.Text.RegularExpressions;

namespace Hil.Rigs.Parsing;

/// <summary>The small sections: <c>dext:</c> and <c>timeouts:</c>.</summary>
internal static partial class SectionReaders
{
    public static readonly RigTimeouts DefaultTimeouts = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));

    private const string BundleExpected = "a reverse-DNS bundle ID like com.example.hilprobe";

    /// <summary>The plist path is resolved against <paramref name="repositoryRoot"/> so a rig file can live anywhere in the tree.</summary>
    public static DextSpec? ReadDext(Field? dext, RigFolders folders)
    {
        if (dext is not { } field)
        {
            return null;
        }

        var map = field.Map("a mapping with plist and bundle_id, or build", ["plist", "bundle_id", "userclient_access", "build", .. DextRolesReader.Keys]);
        if (map.Optional("build") is { } buildField)
        {
            return DextRolesReader.Apply(ReadBuild(buildField, map, folders.RigDirectory), map);
        }

        var plistField = map.Required("plist", "the path of the dext's Info.plist, relative to the repository root");
        var plist = folders.File(plistField, "the dext's Info.plist");
        var bundleField = map.Required("bundle_id", BundleExpected);
        var bundleId = bundleField.Text(BundleExpected);
        if (!BundlePattern().IsMatch(bundleId))
        {
            throw bundleField.Expected(BundleExpected);
        }

        var token = map.Optional("userclient_access")?.Text("the entitlement token user clients present") ?? bundleId;
        return DextRolesReader.Apply(new DextSpec(plist, bundleId, token), map);
    }

    /// <summary>`build: DIR` (relative to the rig file): the build's plist and bundle id; a userclient_access still applies.</summary>
    private static DextSpec ReadBuild(Field buildField, MapReader map, string rigDirectory)
    {
        foreach (var key in new[] { "plist", "bundle_id" })
        {
            if (map.Optional(key) is { } clash)
            {
                throw clash.Error($"'{key}' comes from the build's directory when 'build' is given; remove one of them");
            }
        }

        var dir = Path.GetFullPath(Path.Combine(rigDirectory, buildField.Text("a dext build directory, relative to the rig file")));
        DextBuild build;
        try
        {
            build = DextBuild.Load(dir);
        }
        catch (Foundation.InputException e)
        {
            throw buildField.Error(e.Message);
        }

        var spec = DextSpec.Of(build);
        return map.Optional("userclient_access") is { } token
            ? spec with { EntitlementToken = token.Text("the entitlement token user clients present") }
            : spec;
    }

    public static RigTimeouts ReadTimeouts(Field? timeouts)
    {
        if (timeouts is not { } field)
        {
            return DefaultTimeouts;
        }

        var map = field.Map("a mapping with enumerate and activate", "enumerate", "activate");
        return new RigTimeouts(
            map.Optional("enumerate")?.Duration(allowZero: false) ?? DefaultTimeouts.Enumerate,
            map.Optional("activate")?.Duration(allowZero: false) ?? DefaultTimeouts.Activate);
    }

    [GeneratedRegex(@"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex BundlePattern();
}
