using Hil.Rigs;
using Hil.Dext.Plist;
using Hil.Foundation;

namespace Hil.Dext;

/// <summary>Turns one IOKitPersonalities entry into a <see cref="DextPersonality"/>, naming path, line and key on error.</summary>
internal static class PersonalityReader
{
    public const string OneProcessKey = "IOUserServerOneProcess";
    public const string RoleKey = "HILRole";
    public const string UserClientPropertiesKey = "UserClientProperties";

    /// <param name="roles">The rig's roles: when it names them, they decide; otherwise the HILRole key does.</param>
    public static DextPersonality Read(string name, PlistNode node, string path, DextRoles roles)
    {
        if (node is not PlistDict dict)
        {
            throw new InputException(
                $"{path}:{node.Line}: IOKitPersonalities/{name} must be a dict, found {node.TypeName}");
        }

        var where = new Where(path, name, dict);
        return new DextPersonality(
            name,
            where.RequiredString("IOClass"),
            where.RequiredString("IOUserClass"),
            where.RequiredString("IOProviderClass"),
            where.RequiredString("IOUserServerName"),
            dict.Find(OneProcessKey) is not null,
            where.OptionalUInt16("VendorID"),
            where.OptionalUInt16("ProductID"),
            where.OptionalString("IOResourceMatch"),
            where.OptionalString("IOMatchCategory"),
            where.Role(roles),
            dict.Line) { RoleNamedByRig = roles.NamesRoles, UserClientClass = where.UserClientClass() };
    }

    private readonly record struct Where(string Path, string Personality, PlistDict Dict)
    {
        public string RequiredString(string key) =>
            OptionalString(key) ?? throw Fail(Dict.Line, key, "is missing (a string is required)");

        public string? OptionalString(string key) => Dict.Find(key) switch
        {
            null => null,
            PlistString s when s.Value.Length > 0 => s.Value,
            PlistString s => throw Fail(s.Line, key, "is an empty string"),
            var other => throw Fail(other.Line, key, $"must be a string, found {other.TypeName}"),
        };

        public ushort? OptionalUInt16(string key) => Dict.Find(key) switch
        {
            null => null,
            PlistInteger i when i.Value is >= 0 and <= ushort.MaxValue => (ushort)i.Value,
            PlistInteger i => throw Fail(i.Line, key, $"is {i.Value}, expected 0..65535 (0x0000..0xffff)"),
            var other => throw Fail(other.Line, key, $"must be an integer, found {other.TypeName}"),
        };

        /// <summary>UserClientProperties/IOUserClass; a UserClientProperties without it is an error, as IOServiceOpen would fail on it.</summary>
        public string? UserClientClass() => Dict.Find(UserClientPropertiesKey) switch
        {
            null => null,
            PlistDict d => new Where(Path, $"{Personality}/{UserClientPropertiesKey}", d).RequiredString("IOUserClass"),
            var other => throw Fail(other.Line, UserClientPropertiesKey, $"must be a dict, found {other.TypeName}"),
        };

        public DriverRole Role(DextRoles roles)
        {
            if (!roles.NamesRoles)
            {
                return HilRole();
            }

            return roles.RoleOf(Personality) switch
            {
                1 => DriverRole.Driver1,
                2 => DriverRole.Driver2,
                _ => throw new InputException($"{Path}:{Dict.Line}: IOKitPersonalities/{Personality} is in neither dext.driver1 nor "
                    + $"dext.driver2 of the rig file ({roles.Where}); name every personality of the dext in one of them"),
            };
        }

        private DriverRole HilRole() => RequiredString(RoleKey) switch
        {
            "driver1" => DriverRole.Driver1,
            "driver2" => DriverRole.Driver2,
            var other => throw Fail(Dict.Find(RoleKey)!.Line, RoleKey, $"is '{other}', expected 'driver1' or 'driver2'"),
        };

        private InputException Fail(int line, string key, string what) =>
            new($"{Path}:{line}: IOKitPersonalities/{Personality}: key '{key}' {what}");
    }
}
