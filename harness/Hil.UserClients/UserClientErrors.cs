using System.Globalization;
using Hil.Foundation;

namespace Hil.UserClients;

/// <summary>
/// How both backends turn what the OS or the driver said into errors, so a refused open or
/// a dead driver reads the same on a Mac and in the sim.
/// </summary>
internal static class UserClientErrors
{
    // Mach IPC failures (mach/message.h): the driver's process or port is gone, not an IOReturn from it.
    private const uint MachSendInvalidDest = 0x10000003;
    private const uint MachSendTimedOut = 0x10000004;
    private const uint MachRcvPortDied = 0x10004003;
    private const uint MachSendInvalidRight = 0x10000007;
    private const uint MigServerDied = 0xFFFFFECA; // MIG_SERVER_DIED (-308)

    /// <summary>IOServiceOpen or the sim's open frame answered <paramref name="status"/> instead of success.</summary>
    public static UserClientException OpenRefused(string endpoint, IOReturn status)
    {
        var hint = status == IOReturn.NotPermitted
            ? " (the entitlement was refused: on a Mac the app needs com.apple.developer.driverkit.userclient-access naming the dext's bundle ID; in the sim the rig's token must match --entitlement)"
            : string.Empty;
        return new UserClientException(
            FaultKind.ProductDefect, status, endpoint, $"open answered {IOReturnText.Describe(status)}{hint}");
    }

    /// <summary>No service by that name is registered (the dext is not running or not matched).</summary>
    public static UserClientException NoService(string serviceName) =>
        UserClientException.Dead(serviceName, IOReturn.Offline, "no IOService with that name is registered (is the dext activated and matched?)");

    /// <summary>
    /// A call's kern_return: an IOReturn from the driver is returned as the call's status;
    /// a Mach IPC failure means the driver's process is gone and raises a rig fault.
    /// </summary>
    public static IOReturn CallStatus(string endpoint, uint selector, int kernReturn)
    {
        var raw = unchecked((uint)kernReturn);
        if (raw is MachSendInvalidDest or MachSendTimedOut or MachRcvPortDied or MachSendInvalidRight or MigServerDied)
        {
            throw UserClientException.Dead(
                endpoint, IOReturn.NotOpen,
                string.Create(CultureInfo.InvariantCulture, $"selector {selector}: Mach IPC failed with 0x{raw:X8}; the driver's connection is gone"));
        }

        return IOReturnText.FromKernReturn(kernReturn);
    }
}
