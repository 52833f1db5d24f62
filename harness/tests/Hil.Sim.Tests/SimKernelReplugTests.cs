using Hil.Dext;
using Hil.Devices;
using Hil.Foundation;
using Hil.Rigs;
using static Hil.Sim.Tests.SimRigs;

namespace Hil.Sim.Tests;

/// <summary>
/// A device that leaves and comes back within a race (under 50 ms) against the real hil-simhost: its old
/// drivers leave the registry the moment it leaves, the new attachment gets new ones, and it is never matched twice.
/// </summary>
public sealed class SimKernelReplugTests
{
    private const string Device = "stimulus-b";

    [Test]
    [CancelAfter(30_000)]
    public async Task Power_off_and_on_at_once_shows_no_stale_driver_and_ends_with_one_new_instance(CancellationToken cancellationToken)
    {
        await using var rig = await SimRigUnderTest.ActivatedAsync(cancellationToken, Device);
        var first = rig.Powered.Single();

        rig.Power.Set(ChannelB, false);
        var atOnce = await rig.Kernel.QueryRegistryAsync(cancellationToken);
        rig.Power.Set(ChannelB, true);

        Assert.That(atOnce.Select(i => i.InstanceId), Does.Not.Contain(first.InstanceId), "a departed device's driver leaves the registry at once");
        var registry = await rig.Kernel.WaitForRegistryAsync(
            r => r.Any(i => i.MatchedDevice == Device && i.InstanceId != first.InstanceId), $"a new Driver1 for {Device}", SimRigUnderTest.Wait, cancellationToken);
        Assert.That(registry.Count(i => i.MatchedDevice == Device), Is.EqualTo(1), "matched once");
        await SimRigUnderTest.WaitExitedAsync(first.ProcessId, cancellationToken);
        Assert.That((await rig.Kernel.QueryRegistryAsync(cancellationToken)).Count(i => i.MatchedDevice == Device), Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_replug_race_ends_with_the_second_attachment_matched_once(CancellationToken cancellationToken)
    {
        await using var rig = SimRigUnderTest.Create(faults: [Fault(FaultKinds.ReplugRace, Device, ("gap", "10ms"))]);
        await rig.Kernel.ActivateAsync(cancellationToken);
        var at = MonotonicClock.NowNs();

        rig.Power.Set(ChannelB, true);
        await rig.Bus.WaitAsync(DeviceEventKind.Removed, UsbB, at, SimRigUnderTest.Wait, cancellationToken);
        var registry = await rig.Kernel.WaitForRegistryAsync(
            r => r.Any(i => i.MatchedDevice == Device), $"Driver1 for {Device} after the race", SimRigUnderTest.Wait, cancellationToken);

        Assert.That(registry.Count(i => i.MatchedDevice == Device), Is.EqualTo(1));
        Assert.That(rig.Kernel.KernelLog, Has.Some.Contains($"@{Device}#2:"), "the device that came back was matched as a new one");
        Assert.That(rig.Bus.History.Select(e => e.Kind), Is.EqualTo(new[] { DeviceEventKind.Arrived, DeviceEventKind.Removed, DeviceEventKind.Arrived }));
    }
}
