using Hil.Devices;
using Hil.Dext;
using Hil.Power;
using Hil.Rigs;
using Hil.Sim;
using Hil.Sim.Relays;

namespace Hil.Session.Backends;

/// <summary>
/// The simulated rig (DESIGN.md §4): relay boards are protocol emulators driven by the real
/// drivers, the USB bus follows their channels, and the sim kernel runs the dext's drivers
/// in real hil-simhost processes. Rig-file faults that belong to a part are applied here.
/// </summary>
public sealed class SimRigPartsFactory : IRigPartsFactory
{
    private readonly SimRelayOpener _opener = new();
    private readonly TimeProvider _time;
    private SimUsbBus? _bus;

    public SimRigPartsFactory(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        PowerSource = new EmulatorPowerSource(_opener);
    }

    /// <summary>The emulators behind the switches, for fault injection by fixtures.</summary>
    public SimRelayOpener Relays => _opener;

    internal IChannelPowerSource PowerSource { get; }

    public async Task<IPowerSwitch> CreatePowerSwitchAsync(RigSpec rig, PowerSwitchSpec power, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(power);
        var created = await PowerSwitches.CreateAsync(power, _opener, _time, cancellationToken).ConfigureAwait(false);
        if (SimFaults.Of(rig, SimFaults.RelayTimeout).Any(f => f.Target is null || f.Target == power.Name))
        {
            // The board stops answering after it was opened, as a relay that hangs mid-run does.
            _opener.Faults(power.Name).StopAnswering = true;
        }

        return created;
    }

    public Task<IDeviceWatcher> CreateDeviceWatcherAsync(RigSpec rig, CancellationToken cancellationToken) =>
        Task.FromResult<IDeviceWatcher>(Bus(rig));

    public Task<IDextHost> CreateDextHostAsync(RigSpec rig, CancellationToken cancellationToken) =>
        Task.FromResult<IDextHost>(new SimKernel(rig, Bus(rig), _time));

    private SimUsbBus Bus(RigSpec rig) => _bus ??= new SimUsbBus(rig, PowerSource, _time);
}
