using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hil.Foundation;
using Hil.MacInterop;
using Hil.Rigs;

namespace Hil.Devices.MacOS;

/// <summary>
/// <see cref="IDeviceWatcher"/> on a Mac: IOServiceAddMatchingNotification for
/// IOUSBHostDevice first-match and terminated, served by a CFRunLoop on a dedicated thread
/// (a run loop shared with other work delays notifications). Stamps are taken when the
/// notification is delivered (MonotonicClock), so enumeration time includes the kernel's
/// delivery latency. Devices present at start are <see cref="Present"/> without an arrival
/// event. Runs on macOS, and on the macos-twin rig against libhil-macos-twin.
/// </summary>
public sealed class IOKitDeviceWatcher : IDeviceWatcher
{
    private const string UsbDeviceClass = "IOUSBHostDevice";
    private readonly DeviceEventHistory _history;
    private readonly Dictionary<ulong, (UsbIdentity Usb, string Location)> _byRegistryId = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private readonly RunLoopRunner _loop = new();
    private GCHandle _self;
    private nint _port;
    private uint _arrivals;
    private uint _removals;
    private bool _seeding;

    private IOKitDeviceWatcher(TimeProvider time)
    {
        _history = new DeviceEventHistory(time);
        _thread = new Thread(Run) { IsBackground = true, Name = "IOKit USB watcher" };
    }

    public IReadOnlyList<UsbIdentity> Present => _history.Present;

    /// <summary>Starts the notification thread and returns once the devices already present are known.</summary>
    public static async Task<IOKitDeviceWatcher> StartAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        if (!MacLibraries.Available)
        {
            throw new InfrastructureException("IOKitDeviceWatcher needs macOS (IOKit) or the macos-twin rig; a sim rig uses the sim USB bus");
        }

        var watcher = new IOKitDeviceWatcher(time);
        watcher._self = GCHandle.Alloc(watcher);
        watcher._thread.Start();
        await watcher._ready.Task.WithTimeout(TimeSpan.FromSeconds(10), "the IOKit USB notification thread to start",
            FaultKind.InfrastructureFault, time, cancellationToken).ConfigureAwait(false);
        return watcher;
    }

    public Task<DeviceEvent> WaitAsync(
        DeviceEventKind kind, UsbIdentity device, long afterTimestampNs, TimeSpan timeout,
        CancellationToken cancellationToken) =>
        _history.WaitAsync(kind, device, afterTimestampNs, timeout, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _loop.Stop();
        var stopped = !_thread.IsAlive || _thread.Join(TimeSpan.FromSeconds(5));
        if (_self.IsAllocated && stopped)
        {
            _self.Free();
        }

        _loop.Dispose();
        return stopped
            ? ValueTask.CompletedTask
            : throw new WaitTimeoutException("the IOKit USB notification run loop to stop", TimeSpan.FromSeconds(5), FaultKind.InfrastructureFault);
    }

    private void Run()
    {
        try
        {
            _port = IOKitNative.IONotificationPortCreate(IOKitNative.MainPortDefault);
            IOKitNative.CFRunLoopAddSource(
                IOKitNative.CFRunLoopGetCurrent(), IOKitNative.IONotificationPortGetRunLoopSource(_port), IOKitNative.RunLoopDefaultMode());
            _arrivals = Subscribe(IOKitNative.FirstMatchNotification);
            _removals = Subscribe(IOKitNative.TerminatedNotification);
            _seeding = true;
            Drain(_arrivals, DeviceEventKind.Arrived);
            _seeding = false;
            Drain(_removals, DeviceEventKind.Removed);
            _ready.TrySetResult();
            _loop.Run();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InfrastructureException)
        {
            _ready.TrySetException(new InfrastructureException($"IOKit USB notifications failed to start: {e.Message}", e));
        }
        finally
        {
            Release();
        }
    }

    private unsafe uint Subscribe(string notification)
    {
        var matching = IOKitNative.IOServiceMatching(UsbDeviceClass);
        var kr = IOKitNative.IOServiceAddMatchingNotification(
            _port, notification, matching, &OnNotification, GCHandle.ToIntPtr(_self), out var iterator);
        return kr == 0
            ? iterator
            : throw new InfrastructureException($"IOServiceAddMatchingNotification({notification}, {UsbDeviceClass}) returned 0x{kr:x8}");
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnNotification(nint refCon, uint iterator)
    {
        var watcher = (IOKitDeviceWatcher)GCHandle.FromIntPtr(refCon).Target!;
        watcher.Drain(iterator, iterator == watcher._arrivals ? DeviceEventKind.Arrived : DeviceEventKind.Removed);
    }

    /// <summary>Draining re-arms the notification; IOKit delivers nothing more until the iterator is empty.</summary>
    private void Drain(uint iterator, DeviceEventKind kind)
    {
        for (var service = IOKitNative.IOIteratorNext(iterator); service != 0; service = IOKitNative.IOIteratorNext(iterator))
        {
            try
            {
                Observe(service, kind);
            }
            finally
            {
                IOKitNative.IOObjectRelease(service);
            }
        }
    }

    private void Observe(uint service, DeviceEventKind kind)
    {
        var stamp = MonotonicClock.NowNs();
        IOKitNative.IORegistryEntryGetRegistryEntryID(service, out var id);
        if (kind == DeviceEventKind.Removed)
        {
            // Properties of a terminated service may already be gone: use what arrival saw.
            if (_byRegistryId.Remove(id, out var known))
            {
                _history.Record(new DeviceEvent(kind, known.Usb, stamp, known.Location));
            }

            return;
        }

        var usb = new UsbIdentity(
            (ushort)(RegistryProperties.ReadNumber(service, "idVendor") ?? 0), (ushort)(RegistryProperties.ReadNumber(service, "idProduct") ?? 0),
            RegistryProperties.ReadString(service, "USB Serial Number"));
        var location = $"0x{RegistryProperties.ReadNumber(service, "locationID") ?? 0:x8}";
        _byRegistryId[id] = (usb, location);
        if (_seeding)
        {
            _history.SeedPresent(usb);
        }
        else
        {
            _history.Record(new DeviceEvent(kind, usb, stamp, location));
        }
    }

    private void Release()
    {
        foreach (var iterator in new[] { _arrivals, _removals }.Where(i => i != 0))
        {
            IOKitNative.IOObjectRelease(iterator);
        }

        if (_port != 0)
        {
            IOKitNative.IONotificationPortDestroy(_port);
        }
    }
}
