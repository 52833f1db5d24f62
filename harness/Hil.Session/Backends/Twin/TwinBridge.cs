using Hil.Devices;
using Hil.Dext;
using Hil.Foundation;
using Hil.MacInterop;
using Hil.Rigs;
using Hil.Sim;

namespace Hil.Session.Backends.Twin;

/// <summary>
/// Feeds the sim's state to the Mac code of the macos-twin rig: devices on the sim USB bus become
/// IOUSBHostDevice entries in libhil-macos-twin (so IOKitDeviceWatcher's matching notifications
/// fire), the sim kernel's driver instances become services a user client opens by registry ID,
/// and both, with the extension's state, go to the file the twin ioreg and systemextensionsctl print.
/// Registry IDs are handed out here, once per device, instance and process, so the twin library
/// and the tools agree on them.
/// </summary>
internal sealed class TwinBridge : IAsyncDisposable
{
    private const string UsbDeviceClass = "IOUSBHostDevice";
    private readonly RigSpec _rig;
    private readonly SimUsbBus _bus;
    private readonly string _stateFile;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ulong> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _published = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private ulong _nextId = 0x100000a00;
    private SimKernel? _kernel;
    private DextPlist? _plist;
    private Task _watch = Task.CompletedTask;
    private TwinExtensionState _extension;

    public TwinBridge(RigSpec rig, SimUsbBus bus, string toolFolder)
    {
        _rig = rig;
        _bus = bus;
        _stateFile = Path.Combine(toolFolder, TwinNatives.StateFileName);
        _bus.DeviceChanged += OnDeviceChanged;
        foreach (var device in _bus.PresentDevices)
        {
            PublishDevice(device);
        }

        Sync();
    }

    /// <summary>Starts following <paramref name="kernel"/>'s registry.</summary>
    public void Follow(SimKernel kernel, DextPlist plist)
    {
        _kernel = kernel;
        _plist = plist;
        _watch = Task.Run(() => WatchAsync(kernel, _stop.Token));
    }

    /// <summary>What systemextensionsctl lists for the dext from now on; the state file is rewritten at once.</summary>
    public void SetExtension(TwinExtensionState state)
    {
        lock (_gate)
        {
            _extension = state;
        }

        Sync();
    }

    /// <summary>Publishes what the kernel runs now and terminates what it no longer runs, then rewrites the state file.</summary>
    public void Sync()
    {
        lock (_gate)
        {
            var instances = _kernel is { } k ? k.QueryRegistryAsync(CancellationToken.None).GetAwaiter().GetResult() : [];
            var live = instances.Select(i => "svc:" + i.InstanceId).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _published.Keys.Where(k => k.StartsWith("svc:", StringComparison.Ordinal) && !live.Contains(k)).ToList())
            {
                TwinRegistry.Terminate(_published[gone]);
                _published.Remove(gone);
            }

            foreach (var instance in instances.Where(i => !_published.ContainsKey("svc:" + i.InstanceId)))
            {
                PublishInstance(instance);
            }

            AtomicFile.WriteAllText(_stateFile, StateText(instances));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _bus.DeviceChanged -= OnDeviceChanged;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _watch.ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var id in _published.Values)
            {
                TwinRegistry.Terminate(id);
            }

            _published.Clear();
        }

        _stop.Dispose();
    }

    private async Task WatchAsync(SimKernel kernel, CancellationToken ct)
    {
        IReadOnlyList<DriverInstance> last = [];
        while (!ct.IsCancellationRequested)
        {
            try
            {
                last = await kernel.WaitForRegistryAsync(
                    now => !now.Select(i => i.InstanceId).SequenceEqual(last.Select(i => i.InstanceId), StringComparer.Ordinal),
                    "the sim kernel's registry to change (macos-twin bridge)", TimeSpan.FromHours(1), ct).ConfigureAwait(false);
                Sync();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (WaitTimeoutException)
            {
                // Nothing changed for an hour: keep following.
            }
        }
    }

    private void OnDeviceChanged(DeviceSpec device, DeviceEvent e)
    {
        lock (_gate)
        {
            if (e.Kind == DeviceEventKind.Arrived)
            {
                PublishDevice(device);
            }
            else if (_published.Remove("usb:" + device.Name, out var id))
            {
                TwinRegistry.Terminate(id);
            }
        }
    }

    private void PublishDevice(DeviceSpec device)
    {
        lock (_gate)
        {
            var key = "usb:" + device.Name;
            if (_published.ContainsKey(key))
            {
                return;
            }

            // A fresh ID per arrival: a device that comes back is a new registry entry on a Mac too.
            var id = _nextId++;
            var location = 0x14100000L | ((long)(_rig.Devices.Keys.Order(StringComparer.Ordinal).ToList().IndexOf(device.Name) + 1) << 16);
            var strings = device.Usb.Serial is { } serial ? new Dictionary<string, string> { ["USB Serial Number"] = serial } : [];
            TwinRegistry.Publish(id, UsbDeviceClass, device.Name, null, null, strings, new Dictionary<string, long>
            {
                ["idVendor"] = device.Usb.VendorId,
                ["idProduct"] = device.Usb.ProductId,
                ["locationID"] = location,
            });
            _published[key] = id;
        }
    }

    private void PublishInstance(DriverInstance instance)
    {
        var p = Personality(instance);
        var id = IdOf("svc:" + instance.InstanceId);
        TwinRegistry.Publish(id, p.IOClass, p.IOUserClass, instance.Endpoint, _rig.Dext?.EntitlementToken, new Dictionary<string, string>
        {
            ["IOUserClass"] = p.IOUserClass,
            ["IOUserServerName"] = p.IOUserServerName,
        }, new Dictionary<string, long>());
        _published["svc:" + instance.InstanceId] = id;
    }

    private string StateText(IReadOnlyList<DriverInstance> instances)
    {
        var state = new TwinState();
        if (_extension != TwinExtensionState.None && _rig.Dext is { } dext)
        {
            state.Extension(dext.BundleId, $"{_plist?.BundleVersion ?? "1"}/{_plist?.BundleVersion ?? "1"}", _extension);
        }

        foreach (var process in instances.GroupBy(i => i.ProcessId))
        {
            var services = process.Select(i => IdOf("svc:" + i.InstanceId)).ToList();
            state.UserServer(IdOf($"srv:{process.Key}"), process.First().ServerName, process.Key, services);
        }

        foreach (var instance in instances)
        {
            state.Service(IdOf("svc:" + instance.InstanceId), Personality(instance), _rig.Dext!.BundleId);
        }

        return state.ToString();
    }

    private DextPersonality Personality(DriverInstance instance) =>
        _plist!.Personalities.FirstOrDefault(p => p.Name == instance.Personality)
        ?? throw new InfrastructureException($"macos-twin bridge: instance {instance.InstanceId} names personality '{instance.Personality}', which {_plist.Path} does not have");

    private ulong IdOf(string key)
    {
        if (!_ids.TryGetValue(key, out var id))
        {
            _ids[key] = id = _nextId;
            _nextId += 2; // a server's node ID is its tag + 1, as ioreg shows them
        }

        return id;
    }
}
