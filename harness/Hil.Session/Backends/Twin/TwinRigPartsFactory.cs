using Hil.Devices;
using Hil.Dext;
using Hil.Dext.MacOS;
using Hil.Foundation;
using Hil.MacInterop;
using Hil.Power;
using Hil.Rigs;
using Hil.Sim;
using Hil.UserClients;

namespace Hil.Session.Backends.Twin;

/// <summary>
/// <c>host: macos-twin</c>: the Mac parts (<see cref="MacRigPartsFactory"/>: IOKit device watcher,
/// Mac dext host, IOKit user clients) bound to libhil-macos-twin and the twin Mac tools, on the sim
/// rig's relay emulators, sim USB bus and hil-simhost processes. At the end of the session the
/// twin's audit must be empty: an io_object_t or CF object the Mac code leaked or released twice is
/// a harness defect, reported with the call that created it.
/// </summary>
public sealed class TwinRigPartsFactory : IRigPartsFactory, IAsyncDisposable
{
    private readonly SimRigPartsFactory _sim;
    private readonly MacRigPartsFactory _mac;
    private readonly TimeProvider _time;
    private readonly string _tools;
    private readonly Lock _openGate = new();
    private TwinBridge? _bridge;
    private SimUsbBus? _bus;

    /// <exception cref="InfrastructureException">libhil-macos-twin or a twin tool is not built.</exception>
    public TwinRigPartsFactory(RigSpec rig, TimeProvider? time = null, string? twinLibrary = null)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var library = TwinNatives.Library.Locate(twinLibrary);
        MacLibraries.UseTwin(library);
        _time = time ?? TimeProvider.System;
        _sim = new SimRigPartsFactory(rig, _time);
        _tools = TwinNatives.MakeToolFolder(library);
        _mac = new MacRigPartsFactory(Options(_tools), _time);
        Rig = rig;
    }

    /// <summary>The rig this factory builds; the bridge names its devices and dext.</summary>
    public RigSpec Rig { get; }

    /// <summary>Where the twin tools and their state file are for this session.</summary>
    public string ToolFolder => _tools;

    public Task<IPowerSwitch> CreatePowerSwitchAsync(RigSpec rig, PowerSwitchSpec power, CancellationToken cancellationToken) =>
        _sim.CreatePowerSwitchAsync(rig, power, cancellationToken);

    public Task<IDeviceWatcher> CreateDeviceWatcherAsync(RigSpec rig, CancellationToken cancellationToken)
    {
        Bridge(rig);
        return _mac.CreateDeviceWatcherAsync(rig, cancellationToken);
    }

    public async Task<IDextHost> CreateDextHostAsync(RigSpec rig, CancellationToken cancellationToken)
    {
        var bridge = Bridge(rig);
        var kernel = _sim.CreateKernel(rig);
        bridge.Follow(kernel, DextPlist.LoadForRig(rig.Dext!));
        var mac = (MacDextHost)await _mac.CreateDextHostAsync(rig, cancellationToken).ConfigureAwait(false);
        return new TwinDextHost(mac, kernel, bridge);
    }

    /// <summary>A Mac reads the app's entitlement from its signature; the twin is told it per open.</summary>
    public IUserClient OpenUserClient(RigSpec rig, UserClientTarget target, string entitlementToken, TimeSpan callTimeout)
    {
        lock (_openGate)
        {
            TwinRegistry.SetClientEntitlement(entitlementToken);
            return _mac.OpenUserClient(rig, target, entitlementToken, callTimeout);
        }
    }

    /// <summary>Stops the bridge and the bus, then checks the twin's audit.</summary>
    /// <exception cref="InfrastructureException">The Mac code leaked or over-released objects (each named with its creating call).</exception>
    public async ValueTask DisposeAsync()
    {
        if (_bridge is { } bridge)
        {
            await bridge.DisposeAsync().ConfigureAwait(false);
        }

        if (_bus is { } bus)
        {
            await bus.DisposeAsync().ConfigureAwait(false);
        }

        Directory.Delete(_tools, recursive: true);
        var audit = TwinRegistry.Audit();
        if (audit.Length > 0)
        {
            throw new InfrastructureException(
                $"harness defect: libhil-macos-twin's audit at the end of rig '{Rig.Name}' found objects the Mac code mishandled:\n{audit.TrimEnd()}");
        }
    }

    /// <summary>The twin tools by full path; activation is the sim kernel's (no host app), uninstall a lab Mac's.</summary>
    private static MacDextHostOptions Options(string tools) => new()
    {
        SystemExtensionsCtl = Path.Combine(tools, "systemextensionsctl"),
        Ioreg = Path.Combine(tools, "ioreg"),
        PollInterval = TimeSpan.FromMilliseconds(50),
    };

    private TwinBridge Bridge(RigSpec rig)
    {
        _bus ??= _sim.Bus(rig);
        return _bridge ??= new TwinBridge(rig, _bus, _tools);
    }
}
