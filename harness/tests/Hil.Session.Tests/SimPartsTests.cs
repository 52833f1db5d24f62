using Microsoft.Extensions.Time.Testing;
using Hil.Power;
using Hil.Rigs;
using Hil.Session.Backends;

namespace Hil.Session.Tests;

/// <summary>The sim backend applies the rig's fault plan to the parts it builds.</summary>
public sealed class SimPartsTests
{
    [TestCase("relay1", TestName = "relay-timeout on a switch silences that board only")]
    [TestCase("relay1/2", TestName = "relay-timeout on a channel silences its board")]
    public async Task A_relay_timeout_silences_the_board_it_targets_once_it_is_open(string target)
    {
        var rig = RigFile.Parse(
            "rig: unit-sim\nhost: sim\npower:\n"
            + "  relay1: { kind: lcus, port: sim, channels: 2 }\n"
            + "  relay2: { kind: lcus, port: sim, channels: 2 }\n"
            + $"sim:\n  faults:\n    - {{ kind: relay-timeout, target: {target} }}\n",
            "/rigs/unit-sim.yaml");
        var factory = new SimRigPartsFactory(rig);
        var switches = new List<IPowerSwitch>();
        foreach (var spec in rig.Power.Values)
        {
            switches.Add(await factory.CreatePowerSwitchAsync(rig, spec, CancellationToken.None));
        }

        Assert.That(factory.Faults.SilentSwitches, Is.EquivalentTo(new[] { "relay1" }));
        Assert.That(factory.Relays.Faults("relay1").StopAnswering, Is.True);
        Assert.That(factory.Relays.Faults("relay2").StopAnswering, Is.False);
        foreach (var power in switches)
        {
            await power.DisposeAsync();
        }
    }

    [TestCase("relay-timeout", TestName = "A relay-timeout with after answers until then and stops after")]
    [TestCase("board-vanish", TestName = "A board-vanish with after stays until then and is gone after")]
    [CancelAfter(30_000)]
    public async Task A_fault_with_after_applies_once_after_has_passed(string kind, CancellationToken token)
    {
        var rig = RigFile.Parse(
            "rig: unit-sim\nhost: sim\npower:\n  relay1: { kind: lcus, port: sim, channels: 2 }\n"
            + $"sim:\n  faults:\n    - {{ kind: {kind}, target: relay1/1, after: 2s }}\n",
            "/rigs/unit-sim.yaml");
        var time = new FakeTimeProvider();
        var factory = new SimRigPartsFactory(rig, time);
        await using var power = await factory.CreatePowerSwitchAsync(rig, rig.Power["relay1"], token);
        bool Applied() => kind == FaultKinds.RelayTimeout ? factory.Relays.Faults("relay1").StopAnswering : factory.Relays.Faults("relay1").Vanished;

        var after = kind == FaultKinds.RelayTimeout ? factory.Faults.SilenceAfter("relay1") : factory.Faults.VanishOf("relay1")?.After;
        Assert.That(after, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(Applied(), Is.False, "before 'after' has passed");
        time.Advance(TimeSpan.FromSeconds(2));

        // The timer's continuation runs on the thread pool: wait for it, generously, by the real clock.
        Assert.That(Applied, Is.True.After(10_000, 20), "once 'after' has passed");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_board_vanish_after_switches_lets_the_board_carry_out_that_many_then_it_is_gone_for_good(CancellationToken token)
    {
        var rig = RigFile.Parse(
            "rig: unit-sim\nhost: sim\npower:\n  relay1: { kind: lcus, port: sim, channels: 2 }\n"
            + "sim:\n  faults:\n    - { kind: board-vanish, target: relay1/2, switches: 2 }\n",
            "/rigs/unit-sim.yaml");
        var factory = new SimRigPartsFactory(rig, new FakeTimeProvider());
        await using var power = await factory.CreatePowerSwitchAsync(rig, rig.Power["relay1"], token);
        await power.SetAsync(1, true, token);

        var e = await Assert.ThrowsAsync<Foundation.RigFaultException>(async () =>
        {
            await power.SetAsync(2, true, token);
            await power.SetAsync(1, false, token);
        });
        var reopen = await Assert.ThrowsAsync<Foundation.RigFaultException>(() => factory.CreatePowerSwitchAsync(rig, rig.Power["relay1"], token));

        Assert.That(factory.Relays.Faults("relay1").Vanished, Is.True);
        Assert.That(e!.Message, Does.Contain("lcus board 'relay1' (sim) vanished"));
        Assert.That(reopen!.Message, Does.Contain("power.relay1: the lcus board vanished: its port is gone"));
    }
}
