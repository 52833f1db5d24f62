using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Dext;

/// <summary>
/// Which user-client class the harness opens on a driver's service (rigs/README.md, "dext",
/// <c>user_clients</c>): the class in the personality's UserClientProperties/IOUserClass, which
/// must be one the rig names. A rig that names none (the probe) opens whatever the dext carries.
/// Both backends open the instance of the personality the kernel matched, so resolving the class
/// from that personality is how the sim and a Mac agree on which user client a role gets.
/// </summary>
public static class UserClientClasses
{
    /// <summary>Every class the rig names must be one some personality of the plist carries.</summary>
    /// <exception cref="InputException">At the rig's <c>user_clients</c> line, naming the plist and the classes it carries.</exception>
    public static void Check(DextPlist plist, DextRoles roles)
    {
        ArgumentNullException.ThrowIfNull(plist);
        ArgumentNullException.ThrowIfNull(roles);
        var carried = Carried(plist);
        var missing = roles.UserClients.FirstOrDefault(c => !carried.Contains(c, StringComparer.Ordinal));
        if (missing is not null)
        {
            throw new InputException($"{Where(roles)}: dext.user_clients: '{missing}' is not a user-client class of {plist.Path}; "
                + $"its personalities' UserClientProperties/IOUserClass are {(carried.Count == 0 ? "absent" : string.Join(", ", carried))}");
        }
    }

    /// <summary>The class to open on <paramref name="personality"/>'s service; null when the rig names none.</summary>
    /// <exception cref="InputException">The personality carries no user client, or one the rig does not list.</exception>
    public static string? For(DextPlist plist, DextRoles roles, string personality)
    {
        ArgumentNullException.ThrowIfNull(plist);
        ArgumentNullException.ThrowIfNull(roles);
        if (!roles.NamesUserClients)
        {
            return null;
        }

        var p = plist.Personalities.FirstOrDefault(x => x.Name == personality)
            ?? throw new InputException($"{plist.Path}: no personality '{personality}' to open a user client on; "
                + $"its IOKitPersonalities are {string.Join(", ", plist.Personalities.Select(x => x.Name))}");
        return p.UserClientClass switch
        {
            null => throw new InputException($"{plist.Path}:{p.Line}: IOKitPersonalities/{personality} has no UserClientProperties, "
                + $"so IOServiceOpen on its {p.Role} has no user client to create; the rig ({Where(roles)}) opens {string.Join(", ", roles.UserClients)}"),
            var c when roles.UserClients.Contains(c, StringComparer.Ordinal) => c,
            var c => throw new InputException($"{Where(roles)}: dext.user_clients lists {string.Join(", ", roles.UserClients)}, "
                + $"but {p.Role} ({personality}, {plist.Path}:{p.Line}) creates '{c}'; list it or name the personality that creates one of them"),
        };
    }

    private static List<string> Carried(DextPlist plist) =>
        plist.Personalities.Select(p => p.UserClientClass).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    private static SourceLocation? Where(DextRoles roles) => roles.UserClientsWhere ?? roles.Where;
}
