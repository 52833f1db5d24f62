using Hil.Devices;
using Hil.Devices.MacOS;
using Hil.Dext;
using Hil.Dext.MacOS;
using Hil.Power;
using Hil.Rigs;
using Hil.UserClients;
using Hil.UserClients.MacOS;

namespace Hil.Session.Backends;

/// <summary>
/// A real rig on a Mac mini: serial relay boards on their ports, HID relays through hidapi,
/// hubs through their CLIs, IOKit device notifications, the dext host app and IOKit user
/// clients. The same parts run every day on the macos-twin rig (<see cref="Twin.TwinRigPartsFactory"/>),
/// bound to libhil-macos-twin; only what needs Apple's kernel is verified on a Mac alone (README.md).
/// </summary>
public sealed class MacRigPartsFactory(MacDextHostOptions dextOptions, TimeProvider? time = null) : IRigPartsFactory
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<IPowerSwitch> CreatePowerSwitchAsync(RigSpec rig, PowerSwitchSpec power, CancellationToken cancellationToken) =>
        PowerSwitches.CreateAsync(power, SerialPortOpener.Instance, _time, cancellationToken);

    public async Task<IDeviceWatcher> CreateDeviceWatcherAsync(RigSpec rig, CancellationToken cancellationToken) =>
        await IOKitDeviceWatcher.StartAsync(_time, cancellationToken).ConfigureAwait(false);

    public Task<IDextHost> CreateDextHostAsync(RigSpec rig, CancellationToken cancellationToken) =>
        Task.FromResult<IDextHost>(new MacDextHost(rig, dextOptions, _time));

    /// <summary>
    /// IOServiceOpen on the service the endpoint names: the registry map matched it to the personality
    /// whose UserClientProperties carry the target's class, so the kernel creates that user client.
    /// macOS checks the entitlement from the app's signature, not a token, and IOConnectCallMethod has
    /// no timeout, so both go unused here.
    /// </summary>
    public IUserClient OpenUserClient(RigSpec rig, UserClientTarget target, string entitlementToken, TimeSpan callTimeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        return IOKitUserClient.Open(target.Endpoint);
    }
}
