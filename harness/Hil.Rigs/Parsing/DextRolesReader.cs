using System.Collections.Immutable;
using System.Globalization;

namespace Hil.Rigs.Parsing;

/// <summary>
/// Reads the keys of <c>dext:</c> that describe a dext that is not the probe (rigs/README.md):
/// <code>
/// dext:
///   driver1: [KeyflipSource]          # personalities (IOKitPersonalities keys)
///   driver2: [KeyflipDevice]
///   user_clients: [KeyflipUserClient]
///   selector_base: 0x40               # where the kit's 16 selectors start
///   topologies: [one-process]
///   host_app: /Applications/Keyflip.app   # activates it on a Mac
/// </code>
/// Absent keys keep the probe's defaults. Personality and topology names are checked where
/// they are known (the plist reader, the topology table), against <see cref="DextRoles.Where"/>.
/// </summary>
internal static class DextRolesReader
{
    public static readonly string[] Keys = ["driver1", "driver2", "user_clients", "selector_base", "topologies", "host_app"];

    /// <summary>The largest base: the kit's 16 selectors above it still fit in a 32-bit selector.</summary>
    public const uint MaxSelectorBase = uint.MaxValue - 16;

    private const string ClassExpected = "a list of names like [KeyflipSource]";

    public static DextSpec Apply(DextSpec spec, MapReader map)
    {
        var roles = new DextRoles(
            Names(map.Optional("driver1"), ClassExpected),
            Names(map.Optional("driver2"), ClassExpected),
            Names(map.Optional("user_clients"), ClassExpected),
            map.Optional("selector_base") is { } b ? SelectorBase(b) : 0,
            Names(map.Optional("topologies"), "a list of topology names like [one-process]"),
            map.Where)
        {
            UserClientsWhere = map.Optional("user_clients")?.Where,
        };
        if (roles.Driver1.IsEmpty != roles.Driver2.IsEmpty)
        {
            var given = map.Optional(roles.Driver1.IsEmpty ? "driver2" : "driver1")!.Value;
            throw given.Error("driver1 and driver2 come together: name the personalities of both roles, or neither (then each personality's HILRole decides)");
        }

        if (roles.Driver1.Intersect(roles.Driver2, StringComparer.Ordinal).FirstOrDefault() is { } both)
        {
            throw map.Required("driver2", "").Error($"personality '{both}' is named as driver1 and as driver2; a personality creates one role");
        }

        var hostApp = map.Optional("host_app")?.Text("the path of the app that activates the dext on a Mac");
        return spec with { Roles = roles, HostApp = hostApp };
    }

    private static ImmutableArray<string> Names(Field? field, string expected)
    {
        if (field is not { } list)
        {
            return [];
        }

        var items = list.List(expected);
        if (items.Count == 0)
        {
            throw list.Expected(expected);
        }

        var names = items.Select(i => Scalars.CheckName(i.Text(expected), i)).ToImmutableArray();
        var twice = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? names : throw list.Error($"'{twice.Key}' is listed twice");
    }

    private static uint SelectorBase(Field field)
    {
        var expected = $"a selector number 0..{MaxSelectorBase} (0x-hex or decimal) like 0x40";
        var text = field.Text(expected);
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok && value <= MaxSelectorBase ? value : throw field.Expected(expected);
    }
}
