using Hil.Devices;
using Hil.Rigs;
using Microsoft.Extensions.Time.Testing;
using static Hil.Sim.Tests.SimRigs;

namespace Hil.Sim.Tests;

/// <summary>The bus's own faults (late-enumerate, replug-race) and a power cycle faster than a race, on a fake clock.</summary>
public sealed class SimUsbBusFaultTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(10);
    private FakeTimeProvider _time = null!;
    private FakePower _power = null!;

    [SetUp]
    public void FreshRig()
    {
        _time = new FakeTimeProvider();
        _power = new FakePower();
    }

    [Test]
    public async Task A_late_device_arrives_after_its_own_delay_and_the_bus_says_so()
    {
        var late = TimeSpan.FromSeconds(2);
        await using var bus = new SimUsbBus(Rig(delay: Delay, faults: [Fault(FaultKinds.LateEnumerate, "stimulus-a", ("delay", "2s"))]), _power, _time);
        _power.Set(ChannelA, true);
        _power.Set(ChannelB, true);

        _time.Advance(late - TimeSpan.FromTicks(1));
        Assert.That(bus.Present, Is.EqualTo(new[] { UsbB }), "the other device keeps the rig's delay");
        _time.Advance(TimeSpan.FromTicks(1));

        Assert.That(bus.Present, Is.EquivalentTo(new[] { UsbA, UsbB }));
        Assert.That(bus.AppliedFaults, Is.EqualTo(new[] { "late-enumerate stimulus-a: arrives 2s after power-on" }));
    }

    [Test]
    public async Task A_replug_race_is_arrival_departure_and_a_new_attachment_within_two_gaps()
    {
        await using var bus = new SimUsbBus(RaceRig(), _power, _time);
        _power.Set(ChannelA, true);

        _time.Advance(Delay);
        Assert.That(bus.PresentAttachments.Single().Attachment, Is.EqualTo(1));
        _time.Advance(Gap);
        Assert.That(bus.Present, Is.Empty, "gone a gap after it arrived");
        _time.Advance(Gap);

        Assert.That(bus.History.Select(e => e.Kind), Is.EqualTo(new[] { DeviceEventKind.Arrived, DeviceEventKind.Removed, DeviceEventKind.Arrived }));
        Assert.That(bus.PresentAttachments.Single().Attachment, Is.EqualTo(2), "the device that came back is a new attachment");
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(bus.History, Has.Count.EqualTo(3), "one bounce per power-on");
        Assert.That(bus.AppliedFaults.Single(), Does.StartWith("replug-race stimulus-a: detached 10ms after it arrived"));
    }

    [Test]
    public async Task A_replug_race_bounces_again_after_the_next_power_on_and_not_when_power_goes_first()
    {
        await using var bus = new SimUsbBus(RaceRig(), _power, _time);
        _power.Set(ChannelA, true);
        _time.Advance(Delay);
        _power.Set(ChannelA, false);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(bus.History.Select(e => e.Kind), Is.EqualTo(new[] { DeviceEventKind.Arrived, DeviceEventKind.Removed }), "power off cancels the pending bounce");

        _power.Set(ChannelA, true);
        _time.Advance(Delay);
        _time.Advance(Gap);
        _time.Advance(Gap);

        Assert.That(bus.History.Select(e => e.Kind).Skip(2), Is.EqualTo(new[] { DeviceEventKind.Arrived, DeviceEventKind.Removed, DeviceEventKind.Arrived }));
        Assert.That(bus.Present, Is.EqualTo(new[] { UsbA }));
    }

    [Test]
    public async Task Power_off_and_on_within_a_race_ends_with_the_device_present_once()
    {
        await using var bus = new SimUsbBus(Rig(delay: Delay, jitter: TimeSpan.Zero), _power, _time);
        _power.Set(ChannelA, true);
        _time.Advance(Delay);

        _power.Set(ChannelA, false);
        _time.Advance(Gap);
        _power.Set(ChannelA, true);
        _time.Advance(Delay);

        Assert.That(bus.History.Select(e => e.Kind), Is.EqualTo(new[] { DeviceEventKind.Arrived, DeviceEventKind.Removed, DeviceEventKind.Arrived }));
        Assert.That(bus.Present, Is.EqualTo(new[] { UsbA }));
        Assert.That(bus.PresentAttachments.Single().Attachment, Is.EqualTo(2));
    }

    private static RigSpec RaceRig() =>
        Rig(delay: Delay, jitter: TimeSpan.Zero, faults: [Fault(FaultKinds.ReplugRace, "stimulus-a", ("gap", "10ms"))]);
}
