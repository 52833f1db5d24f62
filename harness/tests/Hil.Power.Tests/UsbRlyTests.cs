using Hil.Foundation;
using Hil.Sim.Relays;

namespace Hil.Power.Tests;

/// <summary>
/// The Devantech USB-RLY08B/16 protocol (rigs/README.md's note; robot-electronics.co.uk
/// usb_rly08btech.htm): the emulator's byte stream as the documentation describes it, and the
/// driver reading states back through 5B. Switching, timeouts, garbling and vanishing are in
/// SerialProtocolTests and SerialFaultTests, which run every serial kind.
/// </summary>
[TestFixture]
public sealed class UsbRlyTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task The_emulator_answers_the_documented_single_byte_commands(CancellationToken ct)
    {
        var board = RelayEmulators.CreateSerial("usbrly", 8);
        await using var link = board.OpenHostStream();

        Assert.Multiple(async () =>
        {
            Assert.That(await Ask(link, [0x5A], 2, ct), Is.EqualTo(new byte[] { UsbRlyEmulator.ModuleId, UsbRlyEmulator.SoftwareVersion }), "5A: module ID, software version");
            Assert.That(await Ask(link, [0x5B], 1, ct), Is.EqualTo(new byte[] { 0x00 }), "every relay starts off");
            Assert.That(await Ask(link, [0x5C, 0xA5, 0x5B], 1, ct), Is.EqualTo(new byte[] { 0xA5 }), "5C takes the next byte as every relay's state");
            Assert.That(await Ask(link, [0x6E, 0x6A, 0x5B], 1, ct), Is.EqualTo(new byte[] { 0x20 }), "all off, then relay 6 on");
            Assert.That(await Ask(link, [0x64, 0x70, 0x5B], 1, ct), Is.EqualTo(new byte[] { 0xFD }), "all on, then relay 2 off");
            Assert.That(board.IsOn(1) && !board.IsOn(2), Is.True);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Status_reads_the_states_back_through_5B_whoever_switched_them(CancellationToken ct)
    {
        await using var board = await TestRig.OpenSimAsync("usbrly", 8, ct);
        await using var other = ((SerialRelayEmulator)board.Emulator).OpenHostStream();

        await Ask(other, [0x5C, 0x84, 0x5B], 1, ct);

        Assert.Multiple(async () =>
        {
            Assert.That(await board.Power.ReadAsync(3, ct), Is.True, "relay 3 is bit 2 of 84");
            Assert.That(await board.Power.ReadAsync(8, ct), Is.True);
            Assert.That(await board.Power.ReadAsync(1, ct), Is.False);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task A_board_that_reset_between_switches_is_a_rig_fault_naming_the_byte(CancellationToken ct)
    {
        await using var board = await TestRig.OpenSimAsync("usbrly", 8, ct);
        await board.Power.SetAsync(1, true, ct);
        await using (var other = ((SerialRelayEmulator)board.Emulator).OpenHostStream())
        {
            await Ask(other, [0x6E, 0x5B], 1, ct);
        }

        var e = await Assert.ThrowsAsync<RigFaultException>(() => board.Power.SetAsync(3, true, ct));

        Assert.That(e!.Message, Does.Contain("usbrly board 'relay1' (sim) channel 3").And.Contain("get relay states (5B)")
            .And.Contain("received 04").And.Contain("expected the other relays as last seen, 01 under mask FB"));
    }

    /// <summary>Writes <paramref name="command"/> and reads the <paramref name="length"/> bytes the board answers.</summary>
    private static async Task<byte[]> Ask(Stream link, byte[] command, int length, CancellationToken ct)
    {
        await link.WriteAsync(command, ct);
        var reply = new byte[length];
        await link.ReadExactlyAsync(reply, ct);
        return reply;
    }
}
