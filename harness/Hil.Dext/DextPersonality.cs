using Hil.Rigs;

namespace Hil.Dext;

/// <summary>
/// One entry of the dext's IOKitPersonalities, reduced to what matching and process layout
/// need. <see cref="OneProcessKeyPresent"/> records whether the IOUserServerOneProcess key
/// exists at all: xnu tests presence, not value (reference/driverkit.md §1), so a
/// personality with <c>&lt;false/&gt;</c> still asks to share a process.
/// <see cref="Role"/> is the custom HILRole key: which probe driver the personality creates.
/// </summary>
public sealed record DextPersonality(
    string Name,
    string IOClass,
    string IOUserClass,
    string IOProviderClass,
    string IOUserServerName,
    bool OneProcessKeyPresent,
    ushort? VendorId,
    ushort? ProductId,
    string? IOResourceMatch,
    string? IOMatchCategory,
    DriverRole Role,
    int Line)
{
    public const string UserResourcesClass = "IOUserResources";

    /// <summary>True when the rig file's dext.driver1/driver2 gave the role (a team's dext), false when HILRole did (the probe).</summary>
    public bool RoleNamedByRig { get; init; }

    /// <summary>UserClientProperties' IOUserClass: the class IOServiceOpen creates on this personality's service; null when it has none.</summary>
    public string? UserClientClass { get; init; }

    /// <summary>A root personality: matches IOUserResources and exists as soon as the dext is active.</summary>
    public bool IsRoot => IOProviderClass == UserResourcesClass;

    /// <summary>
    /// True when this personality's VendorID/ProductID match the device, as IOKit's property
    /// matching does: a key the personality leaves out matches anything; a personality with
    /// neither key never matches a device (it is not a device personality).
    /// </summary>
    public bool MatchesDevice(UsbIdentity device)
    {
        if (IsRoot || (VendorId is null && ProductId is null))
        {
            return false;
        }

        return (VendorId is null || VendorId == device.VendorId) && (ProductId is null || ProductId == device.ProductId);
    }
}
