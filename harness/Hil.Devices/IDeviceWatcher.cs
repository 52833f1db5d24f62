using Hil.Rigs;

namespace Hil.Devices;

public enum DeviceEventKind
{
    Arrived,
    Removed,
}

/// <summary>A USB device came or went. <see cref="TimestampNs"/> is on the monotonic clock.</summary>
public sealed record DeviceEvent(DeviceEventKind Kind, UsbIdentity Usb, long TimestampNs, string Location);

/// <summary>
/// Arrival and removal of USB devices (IOKit matching notifications on a Mac, the sim USB
/// bus in the sim). Events are kept, so a wait that starts after the event still sees it:
/// callers pass the monotonic time they acted at and get the first matching event after it.
/// </summary>
public interface IDeviceWatcher : IAsyncDisposable
{
    IReadOnlyList<UsbIdentity> Present { get; }

    Task<DeviceEvent> WaitAsync(
        DeviceEventKind kind, UsbIdentity device, long afterTimestampNs, TimeSpan timeout,
        CancellationToken cancellationToken);
}
