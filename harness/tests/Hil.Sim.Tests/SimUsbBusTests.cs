using Hil.Devices;
using Hil.Foundation;
using Hil.Rigs;
using Microsoft.Extensions.Time.Testing;
using static Hil.Sim.Tests.SimRigs;

namespace Hil.Sim.Tests;

public sealed class SimUsbBusTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan Jitter = TimeSpan.FromMilliseconds(50);
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
    [CancelAfter(10_000)]
    public async Task ArrivesWithinDelayPlusMinusJitterAfterPowerOn(CancellationToken cancellationToken)
    {
        await using var bus = new SimUsbBus(Rig(delay: Delay, jitter: Jitter), _power, _time);
        var poweredAt = SimClock.NowNs(_time);
        _power.Set(ChannelA, true);

        _time.Advance(Delay - Jitter - TimeSpan.FromTicks(1));
        Assert.That(bus.Present, Is.Empty, "no device before delay - jitter");
        AdvanceUntilPresent(bus, _time);

        var arrival = await bus.WaitAsync(DeviceEventKind.Arrived, UsbA, poweredAt, TimeSpan.Zero, cancellationToken);
        var enumeration = TimeSpan.FromTicks((arrival.TimestampNs - poweredAt) / 100);
        Assert.That(enumeration, Is.InRange(Delay - Jitter, Delay + Jitter));
        Assert.That(bus.Present, Is.EqualTo(new[] { UsbA }));
        Assert.That(arrival.Location, Is.EqualTo("sim:relay1/1"));
    }

    [Test]
    public async Task TheSameSeedGivesTheSameEnumerationTimes()
    {
        var first = await EnumerationTimesAsync(seed: 11);
        var again = await EnumerationTimesAsync(seed: 11);

        Assert.That(again, Is.EqualTo(first));
        Assert.That(first.Distinct().Count(), Is.GreaterThan(1), "jitter varies the delay from cycle to cycle");
    }

    [Test]
    public async Task ZeroJitterArrivesExactlyAfterTheDelay()
    {
        await using var bus = new SimUsbBus(Rig(delay: Delay, jitter: TimeSpan.Zero), _power, _time);
        _power.Set(ChannelA, true);

        _time.Advance(Delay - TimeSpan.FromTicks(1));
        Assert.That(bus.Present, Is.Empty);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.That(bus.Present, Has.Count.EqualTo(1));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task PowerOffRemovesTheDeviceAtOnce(CancellationToken cancellationToken)
    {
        await using var bus = new SimUsbBus(Rig(delay: Delay, jitter: Jitter), _power, _time);
        _power.Set(ChannelA, true);
        _time.Advance(Delay + Jitter);
        var offAt = SimClock.NowNs(_time);

        _power.Set(ChannelA, false);

        var removal = await bus.WaitAsync(DeviceEventKind.Removed, UsbA, offAt, TimeSpan.Zero, cancellationToken);
        Assert.That(removal.TimestampNs, Is.EqualTo(offAt), "no time passes between power-off and removal");
        Assert.That(bus.Present, Is.Empty);
    }

    [Test]
    public async Task PowerOffBeforeEnumerationCancelsTheArrival()
    {
        await using var bus = new SimUsbBus(Rig(delay: Delay, jitter: Jitter), _power, _time);
        _power.Set(ChannelA, true);
        _time.Advance(Delay - Jitter - TimeSpan.FromMilliseconds(1));

        _power.Set(ChannelA, false);
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.That(bus.History, Is.Empty, "neither an arrival nor a removal of a device that never came");
    }

    [Test]
    public async Task PowerOnTwiceEnumeratesOnce()
    {
        await using var bus = new SimUsbBus(Rig(delay: Delay, jitter: Jitter), _power, _time);
        _power.Set(ChannelA, true);
        _time.Advance(Delay + Jitter);

        _power.Set(ChannelA, true);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.That(bus.History, Has.Count.EqualTo(1));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task NeverEnumerateKeepsTheTargetAwayButNotOthers(CancellationToken cancellationToken)
    {
        var rig = Rig(delay: Delay, jitter: Jitter, faults: [Fault(FaultKinds.NeverEnumerate, "stimulus-a")]);
        await using var bus = new SimUsbBus(rig, _power, _time);
        var poweredAt = SimClock.NowNs(_time);
        _power.Set(ChannelA, true);
        _power.Set(ChannelB, true);
        var wait = bus.WaitAsync(DeviceEventKind.Arrived, UsbA, poweredAt, TimeSpan.FromSeconds(5), cancellationToken);

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.That(bus.Present, Is.EqualTo(new[] { UsbB }));
        var e = await Assert.ThrowsAsync<WaitTimeoutException>(() => wait);
        Assert.That(e!.Message, Does.Contain("arrival of 1209:0001 (HIL-A)"));
    }

    [Test]
    public void NeverEnumerateOfAnUnknownDeviceNamesTheFaultAndTheDevices()
    {
        var rig = Rig(faults: [Fault(FaultKinds.NeverEnumerate, "stimulus-z")]);

        Assert.That(() => new SimUsbBus(rig, _power, _time), Throws.TypeOf<InputException>().With.Message.EqualTo(
            "sim-test.yaml:12:5: fault 'never-enumerate' targets 'stimulus-z', expected one of the rig's devices (stimulus-a, stimulus-b)"));
    }

    [Test]
    public async Task AChannelAlreadyOnAtStartEnumerates()
    {
        _power.Set(ChannelB, true);
        await using var bus = new SimUsbBus(Rig(delay: Delay, jitter: Jitter), _power, _time);

        _time.Advance(Delay + Jitter);

        Assert.That(bus.Present, Is.EqualTo(new[] { UsbB }));
    }

    [Test]
    public async Task DisposeStopsListeningAndCancelsPendingArrivals()
    {
        var bus = new SimUsbBus(Rig(delay: Delay, jitter: Jitter), _power, _time);
        _power.Set(ChannelA, true);

        await bus.DisposeAsync();
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.That(bus.History, Is.Empty);
        Assert.That(_power.Subscribers, Is.Zero);
    }

    /// <summary>FakeTimeProvider fires timers at the end of an Advance: step 1 ms so stamps land on the due time.</summary>
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

    private static void AdvanceUntilPresent(SimUsbBus bus, FakeTimeProvider time)
    {
        for (var step = 0; step < 10_000 && bus.Present.Count == 0; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
        }
    }

    private static async Task<List<long>> EnumerationTimesAsync(int seed)
    {
        var time = new FakeTimeProvider();
        var power = new FakePower();
        await using var bus = new SimUsbBus(Rig(delay: Delay, jitter: Jitter, seed: seed), power, time);
        var times = new List<long>();
        for (var cycle = 0; cycle < 5; cycle++)
        {
            var on = SimClock.NowNs(time);
            power.Set(ChannelA, true);
            AdvanceUntilPresent(bus, time);
            times.Add(bus.History[^1].TimestampNs - on);
            power.Set(ChannelA, false);
        }

        return times;
    }
}
