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
}
