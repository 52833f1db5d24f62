using Hil.Devices;
using Hil.Dext;
using Hil.Power;
using Hil.Rigs;
using Hil.Sim;
using Hil.Sim.Relays;
using Hil.UserClients;
using Hil.UserClients.Sim;

namespace Hil.Session.Backends;

/// <summary>
/// The simulated rig (DESIGN.md §4): relay boards are protocol emulators driven by the real
/// drivers, the USB bus follows their channels, and the sim kernel runs the dext's drivers
/// in real hil-simhost processes, and user clients speak the sim wire protocol to them. The
/// rig's <see cref="SimFaultPlan"/> is read once here and every sim part is given it.
/// </summary>
public sealed class SimRigPartsFactory : IRigPartsFactory
{
    private readonly SimRelayOpener _opener = new();
    private readonly TimeProvider _time;
    private SimUsbBus? _bus;

    /// <exception cref="InputException">A fault of the rig's sim section targets something the rig does not declare.</exception>
    public SimRigPartsFactory(RigSpec rig, TimeProvider? time = null)
    {
        Faults = SimFaultPlan.From(rig);
        _time = time ?? TimeProvider.System;
        PowerSource = new EmulatorPowerSource(_opener);
        // Armed as the board is created, before the driver's first command, so board-vanish counts every switch.
        _opener.EmulatorCreated += (name, _) => ArmVanish(name);
    }

    /// <summary>The rig's fault plan, built once for every sim part of this rig.</summary>
    public SimFaultPlan Faults { get; }

    /// <summary>The emulators behind the switches, for fault injection by fixtures.</summary>
    public SimRelayOpener Relays => _opener;

    internal IChannelPowerSource PowerSource { get; }

    public async Task<IPowerSwitch> CreatePowerSwitchAsync(RigSpec rig, PowerSwitchSpec power, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(power);
        var created = await PowerSwitches.CreateAsync(power, _opener, _time, cancellationToken).ConfigureAwait(false);
        if (Faults.SilenceAfter(power.Name) is { } after)
        {
            // The board stops answering after it was opened, as a relay that hangs mid-run does.
            _ = SilenceAsync(power.Name, after);
        }

        return created;
    }

    public Task<IDeviceWatcher> CreateDeviceWatcherAsync(RigSpec rig, CancellationToken cancellationToken) =>
        Task.FromResult<IDeviceWatcher>(Bus(rig));

    public Task<IDextHost> CreateDextHostAsync(RigSpec rig, CancellationToken cancellationToken) =>
        Task.FromResult<IDextHost>(CreateKernel(rig));

    /// <summary>The endpoint is the socket of the instance the sim kernel matched by the personality that carries the target's class.</summary>
    public IUserClient OpenUserClient(RigSpec rig, UserClientTarget target, string entitlementToken, TimeSpan callTimeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        return SimUserClient.Open(target.Endpoint, entitlementToken, callTimeout);
    }

    /// <summary>relay-timeout's <c>after</c>: the board answers that long (the sim's clock), then stops.</summary>
    private async Task SilenceAsync(string switchName, TimeSpan after)
    {
        if (after > TimeSpan.Zero)
        {
            await Task.Delay(after, _time).ConfigureAwait(false);
        }

        _opener.Faults(switchName).StopAnswering = true;
    }

    /// <summary>board-vanish: the board disappears after <c>switches</c> switch commands, or <c>after</c> it was opened.</summary>
    private void ArmVanish(string switchName)
    {
        switch (Faults.VanishOf(switchName))
        {
            case { Switches: { } switches }:
                _opener.Faults(switchName).VanishAfterSwitching(switches);
                break;
            case { After: var after }:
                _ = VanishAsync(switchName, after);
                break;
        }
    }

    private async Task VanishAsync(string switchName, TimeSpan after)
    {
        if (after > TimeSpan.Zero)
        {
            await Task.Delay(after, _time).ConfigureAwait(false);
        }

        _opener.Faults(switchName).Vanish();
    }

    /// <summary>The sim kernel on this rig's bus; the macos-twin rig runs it behind the Mac dext host.</summary>
    internal SimKernel CreateKernel(RigSpec rig) => new(rig, Bus(rig), _time);

    internal SimUsbBus Bus(RigSpec rig) => _bus ??= new SimUsbBus(rig, PowerSource, _time, Faults);
}
