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

        var map = field.Map("a mapping with plist and bundle_id", "plist", "bundle_id", "userclient_access");
        var plistField = map.Required("plist", "the path of the dext's Info.plist, relative to the repository root");
        var plist = folders.File(plistField, "the dext's Info.plist");
        var bundleField = map.Required("bundle_id", BundleExpected);
        var bundleId = bundleField.Text(BundleExpected);
        if (!BundlePattern().IsMatch(bundleId))
        {
            throw bundleField.Expected(BundleExpected);
        }

        var token = map.Optional("userclient_access")?.Text("the entitlement token user clients present") ?? bundleId;
        return new DextSpec(plist, bundleId, token);
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
