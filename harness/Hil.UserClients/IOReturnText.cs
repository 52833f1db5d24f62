using System.Globalization;

namespace Hil.UserClients;

/// <summary>IOReturn codes as people read them in logs: "kIOReturnNotPermitted (0xE00002E2)".</summary>
public static class IOReturnText
{
    public static string Describe(IOReturn status) =>
        string.Create(CultureInfo.InvariantCulture, $"{Name(status)} (0x{(uint)status:X8})");

    public static string Name(IOReturn status) =>
        Enum.IsDefined(status) ? "kIOReturn" + status.ToString() : "unknown IOReturn";

    /// <summary>The IOReturn a signed kern_return_t / wire i32 carries.</summary>
    public static IOReturn FromKernReturn(int kr) => unchecked((IOReturn)(uint)kr);
}
