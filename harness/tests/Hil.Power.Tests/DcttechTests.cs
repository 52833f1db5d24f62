using Hil.Foundation;
using Hil.Sim.Relays;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Power.Tests;

/// <summary>The dcttech HID driver's protocol logic against the HID emulator (relays.md §1).</summary>
[TestFixture]
public sealed class DcttechTests
{
    [Test]
    public void Feature_reports_are_the_documented_layout()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DcttechBoard.SwitchReport(3, true), Is.EqualTo(new byte[] { 0xFF, 3, 0, 0, 0, 0, 0, 0 }));
            Assert.That(DcttechBoard.SwitchReport(1, false), Is.EqualTo(new byte[] { 0xFD, 1, 0, 0, 0, 0, 0, 0 }));
            Assert.That(DcttechBoard.TryParseState("QAAMZ\0\0\u0005"u8, out var id, out var mask), Is.True);
            Assert.That((id, mask), Is.EqualTo(("QAAMZ", (byte)5)));
            Assert.That(DcttechBoard.TryParseState("QAAMZ\u0001\0\u0005"u8, out _, out _), Is.False, "byte 5 must be 0");
            Assert.That(DcttechBoard.ChannelsOf("USBRelay8"), Is.EqualTo(8));
            Assert.That(DcttechBoard.ChannelsOf("HIDRelay"), Is.Null);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Picks_the_board_by_its_ID_and_reads_back_every_switch(CancellationToken ct)
    {
        var (bus, boards) = Bus(("PSUIS", 2), ("QAAMZ", 8));
        await using var power = await Create("QAAMZ", 8, bus, new FakeTimeProvider(), ct);
        await power.SetAsync(8, true, ct);
        await power.SetAsync(2, true, ct);
        await power.SetAsync(2, false, ct);
        Assert.Multiple(async () =>
        {
            Assert.That(boards[1].IsOn(8), Is.True);
            Assert.That(boards[1].IsOn(2), Is.False);
            Assert.That(boards[0].IsOn(2), Is.False, "the other board is untouched");
            Assert.That(await power.ReadAsync(8, ct), Is.True);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task A_board_held_by_another_process_is_retried(CancellationToken ct)
    {
        var (bus, boards) = Bus(("QAAMZ", 2));
        await using var power = await Create("QAAMZ", 2, bus, TimeProvider.System, ct);
        boards[0].BusyOpens = 3;
        await power.SetAsync(1, true, ct);
        Assert.That(boards[0].IsOn(1), Is.True);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task A_missing_board_is_a_rig_fault_listing_what_is_present()
    {
        var (bus, _) = Bus(("PSUIS", 2));
        var e = await Assert.ThrowsAsync<RigFaultException>(() => Create("QAAMZ", 2, bus, new FakeTimeProvider(), CancellationToken.None));
        Assert.That(e!.Message, Does.Contain("no board with ID QAAMZ").And.Contain("present: PSUIS"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Garbled_hung_and_vanished_boards_are_rig_faults(CancellationToken ct)
    {
        var (bus, boards) = Bus(("QAAMZ", 2));
        var time = new FakeTimeProvider();
        await using var power = await Create("QAAMZ", 2, bus, time, ct);

        boards[0].GarbleNextReply();
        var garbled = await Assert.ThrowsAsync<RigFaultException>(() => power.SetAsync(1, true, ct));
        Assert.That(garbled!.Message, Does.Contain("garbled feature report: received 0B 41 41 4D 5A 00 00 01").And.Contain("expected"));

        boards[0].StopAnswering = true;
        var hung = await TestRig.FailureWhileTimePasses(() => power.SetAsync(2, true, ct), time, ct);
        Assert.That(hung, Is.TypeOf<WaitTimeoutException>().And.Property("Fault").EqualTo(FaultKind.RigFault));
        Assert.That(hung!.Message, Does.Contain("dcttech board 'relay1'").And.Contain("channel 2"));

        boards[0].Vanish();
        var gone = await TestRig.FailureWhileTimePasses(() => power.SetAsync(1, false, ct), time, ct);
        Assert.That(gone, Is.TypeOf<RigFaultException>(), "after about 1 s of retries on the fake clock");
        Assert.That(gone!.Message, Does.Contain("dcttech board 'relay1' (board ID QAAMZ) vanished"));
    }

    private static (SimHidBus Bus, DcttechEmulator[] Boards) Bus(params (string Id, int Channels)[] boards)
    {
        var bus = new SimHidBus();
        var emulators = boards.Select((b, i) => new DcttechEmulator(b.Id, b.Channels, $"/dev/hidraw{i}")).ToArray();
        foreach (var e in emulators)
        {
            bus.Plug(e);
        }

        return (bus, emulators);
    }

    private static Task<IPowerSwitch> Create(string id, int channels, IHidBackend hid, TimeProvider time, CancellationToken ct) =>
        PowerSwitches.CreateAsync(
            TestRig.Spec("dcttech", channels, port: null, serial: id), SerialPortOpener.Instance, time,
            PowerOptions.Default with { Hid = hid }, ct);
}
