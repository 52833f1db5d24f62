using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Devices;

/// <summary>
/// The event log behind every <see cref="IDeviceWatcher"/>: events are kept, so a caller
/// that acted at monotonic time T and only then starts waiting still gets the first
/// matching event stamped at or after T. Also tracks which devices are present.
/// Thread-safe: backends record from their notification thread or timers.
/// </summary>
internal sealed class DeviceEventHistory(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<DeviceEvent> _events = [];
    private readonly List<UsbIdentity> _present = [];
    private readonly List<Waiter> _waiters = [];

    public IReadOnlyList<UsbIdentity> Present
    {
        get
        {
            lock (_gate)
            {
                return _present.ToList();
            }
        }
    }

    public IReadOnlyList<DeviceEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>A device that was there before watching began: present, but it did not arrive.</summary>
    public void SeedPresent(UsbIdentity device)
    {
        lock (_gate)
        {
            _present.Add(device);
        }
    }

    public void Record(DeviceEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        List<Waiter> woken;
        lock (_gate)
        {
            _events.Add(e);
            if (e.Kind == DeviceEventKind.Arrived)
            {
                _present.Add(e.Usb);
            }
            else
            {
                _present.Remove(e.Usb);
            }

            woken = _waiters.Where(w => w.Accepts(e)).ToList();
            _waiters.RemoveAll(woken.Contains);
        }

        foreach (var waiter in woken)
        {
            waiter.Completion.TrySetResult(e);
        }
    }

    public async Task<DeviceEvent> WaitAsync(
        DeviceEventKind kind, UsbIdentity device, long afterTimestampNs, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var waiter = new Waiter(kind, device, afterTimestampNs);
        lock (_gate)
        {
            var seen = _events.FirstOrDefault(waiter.Accepts);
            if (seen is not null)
            {
                return seen;
            }

            _waiters.Add(waiter);
        }

        try
        {
            var what = $"{(kind == DeviceEventKind.Arrived ? "arrival" : "removal")} of {device} at or after t={afterTimestampNs} ns";
            return await waiter.Completion.Task.WithTimeout(timeout, what, FaultKind.RigFault, time, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Same VID/PID; the serial must match only when the caller names one.</summary>
    public static bool SameDevice(UsbIdentity wanted, UsbIdentity seen) =>
        wanted.VendorId == seen.VendorId && wanted.ProductId == seen.ProductId
        && (wanted.Serial is null || wanted.Serial == seen.Serial);

    private sealed class Waiter(DeviceEventKind kind, UsbIdentity device, long afterNs)
    {
        public TaskCompletionSource<DeviceEvent> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Accepts(DeviceEvent e) => e.Kind == kind && e.TimestampNs >= afterNs && SameDevice(device, e.Usb);
    }
}
