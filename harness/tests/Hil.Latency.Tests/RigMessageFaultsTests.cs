using Hil.Foundation;
using Hil.Latency.Running;
using Hil.Rigs;
using Hil.UserClients.Probe;

namespace Hil.Latency.Tests;

public sealed class RigMessageFaultsTests
{
    [Test]
    public void Each_message_fault_becomes_its_selector_13_setting_on_the_right_driver()
    {
        var faults = RigMessageFaults.For(Rig("""
            - { kind: hop-delay, delay: 250us }
            - { kind: delay-messages, delay: 2ms }
            """), Topology.AppRelay);
        Assert.That(faults.Select(f => (f.Role, f.Kind, f.Parameter)), Is.EqualTo(new[]
        {
            (ProbeRole.Driver1, ProbeFault.DelayPerHopNs, 250_000UL),
            (ProbeRole.Driver2, ProbeFault.DelayPerHopNs, 2_000_000UL),
        }));
        Assert.That(faults[0].Origin, Does.StartWith("hop-delay at ").And.Contain("rig.yaml:"));
    }

    [TestCase("{ kind: dext-crash, messages: 250 }", 250UL)]
    [TestCase("{ kind: dext-crash }", RigMessageFaults.DefaultCrashAfter)]
    public void A_dext_crash_aborts_driver1s_process_mid_burst(string fault, ulong messages)
    {
        var f = RigMessageFaults.For(Rig("- " + fault), Topology.AppRelay).Single();
        Assert.That((f.Role, f.Kind, f.Parameter), Is.EqualTo((ProbeRole.Driver1, ProbeFault.CrashAfterMessages, messages)));
    }

    [TestCase("{ kind: drop-messages, every: 7 }", 7UL)]
    [TestCase("{ kind: drop-messages, rate: 0.01 }", 100UL)]
    public void Drops_are_every_nth_message_at_driver1(string fault, ulong nth)
    {
        var f = RigMessageFaults.For(Rig("- " + fault), Topology.OneProcess).Single();
        Assert.That((f.Role, f.Kind, f.Parameter), Is.EqualTo((ProbeRole.Driver1, ProbeFault.DropEveryNth, nth)));
    }

    [Test]
    public void A_fault_with_a_topology_target_leaves_the_other_topologies_alone()
    {
        var rig = Rig("- { kind: hop-delay, target: one-process, delay: 1ms }");
        Assert.That(RigMessageFaults.For(rig, Topology.OneProcess), Has.Count.EqualTo(1));
        Assert.That(RigMessageFaults.For(rig, Topology.SharedRing), Is.Empty);
    }

    [Test]
    public void A_hang_targets_a_driver_and_lasts_its_duration()
    {
        var f = RigMessageFaults.For(Rig("- { kind: userclient-hang, target: driver1, duration: 2s }"), Topology.AppRelay).Single();
        Assert.That((f.Role, f.Kind, f.Parameter), Is.EqualTo((ProbeRole.Driver1, ProbeFault.HangForMs, 2000UL)));
    }

    [TestCase("- { kind: hop-delay }", "hop-delay needs 'delay'")]
    [TestCase("- { kind: hop-delay, delay: 2s }", "hop-delay delay: expected 1ns..1s")]
    [TestCase("- { kind: hop-delay, target: relay1, delay: 1ms }", "hop-delay target: expected a topology")]
    [TestCase("- { kind: drop-messages }", "drop-messages needs 'every'")]
    [TestCase("- { kind: userclient-hang, target: app }", "userclient-hang target: expected driver1 or driver2")]
    [TestCase("- { kind: hop-delay, delay: 1ms }\n- { kind: drop-messages, every: 3 }", "one fault per driver")]
    public void A_fault_the_probe_dext_cannot_apply_is_refused_naming_the_line(string faults, string expected)
    {
        var e = Assert.Throws<InputException>(() => RigMessageFaults.For(Rig(faults), Topology.AppRelay));
        Assert.That(e!.Message, Does.Contain(expected).And.Contain("rig.yaml:"));
    }

    [Test]
    public void Faults_that_act_elsewhere_are_not_message_faults()
    {
        Assert.That(RigMessageFaults.For(Rig("- { kind: never-enumerate, target: stimulus-a }"), Topology.AppRelay), Is.Empty);
    }

    private static RigSpec Rig(string faults) => RigFile.Parse($$"""
        rig: faulty
        host: sim
        safe_state: all-off
        power:
          relay1: { kind: sim, channels: 2 }
        devices:
          stimulus-a: { power: relay1/0, usb: { vid: 0x1209, pid: 0x0001, serial: HIL-A } }
        dext: { plist: dext/driverkit/Info.plist, bundle_id: com.example.hilprobe }
        sim:
          faults:
        {{Indent(faults)}}
        """, "/tmp/rig.yaml");

    private static string Indent(string lines) => string.Join('\n', lines.Split('\n').Select(l => "    " + l));
}
