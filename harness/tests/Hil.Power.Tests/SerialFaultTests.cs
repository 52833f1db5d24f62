using Hil.Foundation;
using Hil.Sim.Relays;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Power.Tests;

/// <summary>A board that hangs, garbles or vanishes is a rig fault naming the board, never a product failure.</summary>
[TestFixture]
public sealed class SerialFaultTests
{
    private static readonly object[] Boards =
    [
        new object[] { "numato", 8, 2 },
        new object[] { "lcus", 4, 2 },
        new object[] { "kmtronic", 8, 2 },
    ];

    [TestCaseSource(nameof(Boards))]
    [CancelAfter(20_000)]
    public async Task An_unanswered_command_times_out_naming_board_and_channel(string kind, int channels, int channel, CancellationToken ct)
    {
        var (power, faults, time) = await Open(kind, channels, ct);
        await using var _ = power;
        faults.StopAnswering = true;

        var e = await TestRig.FailureWhileTimePasses(() => power.SetAsync(channel, true, ct), time, ct);

        Assert.That(e, Is.TypeOf<WaitTimeoutException>());
        Assert.That(((HilException)e!).Fault, Is.EqualTo(FaultKind.RigFault));
        Assert.That(e.Message, Does.Contain($"{kind} board 'relay1'").And.Contain($"channel {channel}"));
    }

    [TestCaseSource(nameof(Boards))]
    [CancelAfter(20_000)]
    public async Task A_garbled_reply_shows_the_bytes_received_and_expected(string kind, int channels, int channel, CancellationToken ct)
    {
        var (power, faults, _) = await Open(kind, channels, ct);
        await using var __ = power;
        faults.GarbleNextReply();

        var e = await Assert.ThrowsAsync<RigFaultException>(() => power.SetAsync(channel, true, ct));

        Assert.That(e!.Fault, Is.EqualTo(FaultKind.RigFault));
        Assert.That(e.Message, Does.Contain($"{kind} board 'relay1'").And.Contain("garbled").And.Contain("received ").And.Contain("expected"));
        Assert.That(e.Message, Does.Match("received ([0-9A-F]{2} )+"), "the received bytes in hex");
    }

    [TestCaseSource(nameof(Boards))]
    [CancelAfter(20_000)]
    public async Task A_board_that_vanishes_mid_run_is_a_rig_fault_naming_it(string kind, int channels, int channel, CancellationToken ct)
    {
        var (power, faults, _) = await Open(kind, channels, ct);
        await using var __ = power;
        await power.SetAsync(channel, true, ct);
        faults.Vanish();

        var e = await Assert.ThrowsAsync<RigFaultException>(() => power.SetAsync(channel, false, ct));

        Assert.That(e!.Message, Does.Contain($"{kind} board 'relay1' (sim) vanished"));
    }

    private static async Task<(IPowerSwitch Power, IRelayFaults Faults, FakeTimeProvider Time)> Open(string kind, int channels, CancellationToken ct)
    {
        var opener = new SimRelayOpener();
        var time = new FakeTimeProvider();
        var power = await PowerSwitches.CreateAsync(TestRig.Spec(kind, channels), opener, time, ct);
        return (power, opener.Faults("relay1"), time);
    }
}
