using Hil.Foundation;
using Hil.Rigs;
using static Hil.Sim.Tests.SimRigs;

namespace Hil.Sim.Tests;

public sealed class SimFaultPlanTests
{
    [Test]
    public void A_rig_without_faults_plans_none()
    {
        var plan = SimFaultPlan.From(Rig());

        Assert.That(plan.SilentSwitches, Is.Empty);
        Assert.That(plan.NeverEnumerate, Is.Empty);
        Assert.That(plan.MessageFaults, Is.Empty);
    }

    [TestCase(null, TestName = "relay-timeout without a target silences every switch")]
    [TestCase("relay1", TestName = "relay-timeout on a switch silences it")]
    [TestCase("relay1/3", TestName = "relay-timeout on one channel silences its whole board")]
    public void Relay_timeout_names_the_switches_that_stop_answering(string? target)
    {
        var plan = SimFaultPlan.From(Rig(faults: [Fault(FaultKinds.RelayTimeout, target)]));

        Assert.That(plan.SilentSwitches, Is.EquivalentTo(new[] { "relay1" }));
        Assert.That(plan.SilenceAfter("relay1"), Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Each_fault_lands_in_the_one_place_its_part_reads()
    {
        var plan = SimFaultPlan.From(Rig(faults:
        [
            Fault(FaultKinds.NeverEnumerate, "stimulus-b"),
            Fault(FaultKinds.DextCrash, null),
            Fault(FaultKinds.HopDelay, "one-process"),
            Fault(FaultKinds.UserClientHang, "driver1"),
        ]));

        Assert.That(plan.SilentSwitches, Is.Empty);
        Assert.That(plan.NeverEnumerate, Is.EquivalentTo(new[] { "stimulus-b" }));
        Assert.That(plan.MessageFaults.Select(f => f.Kind), Is.EqualTo(new[] { FaultKinds.DextCrash, FaultKinds.HopDelay, FaultKinds.UserClientHang }));
    }

    [Test]
    public void A_relay_timeout_on_an_unknown_switch_names_the_fault_and_the_switches()
    {
        Assert.That(() => SimFaultPlan.From(Rig(faults: [Fault(FaultKinds.RelayTimeout, "relay9/1")])),
            Throws.TypeOf<InputException>().With.Message.EqualTo(
                "sim-test.yaml:12:5: fault 'relay-timeout' targets 'relay9/1', expected one of the rig's switches (relay1)"));
    }

    [Test]
    public void The_new_kinds_land_where_their_parts_read_them()
    {
        var plan = SimFaultPlan.From(Rig(faults:
        [
            Fault(FaultKinds.BoardVanish, "relay1/2", ("switches", "9")),
            Fault(FaultKinds.LateEnumerate, "stimulus-a", ("delay", "2s")),
            Fault(FaultKinds.ReplugRace, "stimulus-b"),
            Fault(FaultKinds.FloorToolMissing, null),
        ]));

        Assert.That(plan.VanishOf("relay1"), Is.EqualTo(new BoardVanish(9, TimeSpan.Zero)), "a channel target takes its whole board");
        Assert.That(plan.ArrivalDelay("stimulus-a"), Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(plan.ArrivalDelay("stimulus-b"), Is.Null);
        Assert.That(plan.ReplugGap("stimulus-b"), Is.EqualTo(SimFaultPlan.DefaultReplugGap));
        Assert.That(plan.FloorTool(Path.Combine("build", "dext", "hil-floor")), Is.EqualTo(Path.Combine("build", "dext", "floor-tool-missing", "hil-floor")));
        Assert.That(plan.MessageFaults, Is.Empty, "none of them is set through selector 13");
    }

    [Test]
    public void Without_the_new_kinds_the_board_stays_the_devices_keep_the_rig_delay_and_the_floor_tool_is_the_built_one()
    {
        var plan = SimFaultPlan.From(Rig(faults: [Fault(FaultKinds.BoardVanish, "relay1", ("after", "2s"))]));

        Assert.That(plan.VanishOf("relay1"), Is.EqualTo(new BoardVanish(null, TimeSpan.FromSeconds(2))));
        Assert.That(plan.VanishOf("relay2"), Is.Null);
        Assert.That(plan.ReplugGap("stimulus-a"), Is.Null);
        Assert.That(plan.FloorTool("hil-floor"), Is.EqualTo("hil-floor"));
    }
}
