namespace Hil.Dext.MacOS;

/// <summary>
/// The personality keys the kernel copies onto a matched service and <see cref="MacRegistryMap"/>
/// reads back from ioreg, for whoever writes such a registry (the macos-twin bridge). Defined once,
/// in <see cref="PersonalityReader"/>.
/// </summary>
public static class RegistryKeys
{
    public const string Role = PersonalityReader.RoleKey;

    public const string OneProcess = PersonalityReader.OneProcessKey;
}
