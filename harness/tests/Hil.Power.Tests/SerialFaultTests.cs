using Hil.Foundation;

namespace Hil.Power.Tests;

/// <summary>A board that hangs, garbles or vanishes is a rig fault naming the board, never a product failure.</summary>
[TestFixture]
public sealed class SerialFaultTests
{
    [TestCaseSource(typeof(TestRig), nameof(TestRig.SerialKinds))]
    [CancelAfter(20_000)]
    public async Task An_unanswered_command_times_out_naming_board_and_channel(string kind, int channels, CancellationToken ct)
    {
        await using var board = await TestRig.OpenSimAsync(kind, channels, ct);
        var channel = board.First + 2;
        board.Faults.StopAnswering = true;

        var e = await TestRig.FailureWhileTimePasses(() => board.Power.SetAsync(channel, true, ct), board.Time, ct);

        Assert.That(e, Is.TypeOf<WaitTimeoutException>());
        Assert.That(((HilException)e!).Fault, Is.EqualTo(FaultKind.RigFault));
        Assert.That(e.Message, Does.Contain($"{kind} board 'relay1'").And.Contain($"channel {channel}"));
    }

    [TestCaseSource(typeof(TestRig), nameof(TestRig.SerialKinds))]
    [CancelAfter(20_000)]
    public async Task A_garbled_reply_shows_the_bytes_received_and_expected(string kind, int channels, CancellationToken ct)
    {
        await using var board = await TestRig.OpenSimAsync(kind, channels, ct);
        board.Faults.GarbleNextReply();

        var e = await Assert.ThrowsAsync<RigFaultException>(() => board.Power.SetAsync(board.First + 2, true, ct));

        Assert.That(e!.Fault, Is.EqualTo(FaultKind.RigFault));
        Assert.That(e.Message, Does.Contain($"{kind} board 'relay1'").And.Contain("garbled").And.Contain("received ").And.Contain("expected"));
        Assert.That(e.Message, Does.Match("received ([0-9A-F]{2} ?)+"), "the received bytes in hex");
    }

    [TestCaseSource(typeof(TestRig), nameof(TestRig.SerialKinds))]
    [CancelAfter(20_000)]
    public async Task A_board_that_vanishes_mid_run_is_a_rig_fault_naming_it(string kind, int channels, CancellationToken ct)
    {
        await using var board = await TestRig.OpenSimAsync(kind, channels, ct);
        await board.Power.SetAsync(board.First + 2, true, ct);
        board.Faults.Vanish();

        var e = await Assert.ThrowsAsync<RigFaultException>(() => board.Power.SetAsync(board.First + 2, false, ct));

        Assert.That(e!.Message, Does.Contain($"{kind} board 'relay1' (sim) vanished"));
    }

    [TestCaseSource(typeof(TestRig), nameof(TestRig.SerialKinds))]
    [CancelAfter(20_000)]
    public async Task A_board_set_to_vanish_after_two_switches_carries_them_out_and_is_then_gone_naming_it(string kind, int channels, CancellationToken ct)
    {
        await using var board = await TestRig.OpenSimAsync(kind, channels, ct);
        board.Faults.VanishAfterSwitching(2);
        await board.Power.SetAsync(board.First, true, ct);

        var e = await Assert.ThrowsAsync<RigFaultException>(async () =>
        {
            // A board that reads back fails on the second switch's read-back; one that does not, on the next command.
            await board.Power.SetAsync(board.First + 1, true, ct);
            await board.Power.SetAsync(board.First + 2, true, ct);
        });

        Assert.That(e!.Message, Does.Contain($"{kind} board 'relay1' (sim) vanished"));
        Assert.That((board.Faults.Vanished, board.Emulator.IsOn(board.First + 1), board.Emulator.IsOn(board.First + 2)), Is.EqualTo((true, true, false)),
            "the second switch was carried out, nothing after it");
    }
}
