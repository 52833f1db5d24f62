using Hil.Foundation;

namespace Hil.Rigs.Tests;

/// <summary>Each bad rig names file:line:column, the field path and what was expected.</summary>
public sealed class RigFileErrorTests
{
    private const string Power = "power:\n  relay1:\n    kind: numato\n    port: sim\n    channels: 8\n";

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("rig: t\npower:\n  relay1:\n    kind: numato\n    port: sim\n    channels: eight\n",
            "t.yaml:6:15: power.relay1.channels: expected an integer 1..64, got 'eight'");
        yield return Case("rig: t\npower:\n  relay1: { kind: numato, port: sim, channels: 65 }\n",
            "t.yaml:3:48: power.relay1.channels: expected an integer 1..64, got '65'");
        yield return Case("rig: t\npower:\n  relay1: { kind: numato, port: sim, channels: 0 }\n",
            "power.relay1.channels: expected an integer 1..64, got '0'");
        yield return Case("rig: t\npower:\n  relay1: { kind: usbrly, port: sim, channels: 16 }\n",
            "t.yaml:3:48: power.relay1.channels: expected an integer 1..8, got '16'");
        yield return Case("rig: t\npower:\n  relay1: { kind: numato, port: sim }\n",
            "t.yaml:3:11: power.relay1.channels: missing required field 'channels' (expected an integer 1..64)");
        yield return Case("power:\n  r: { kind: sim, channels: 1 }\n",
            "t.yaml:1:1: rig: missing required field 'rig'");
        yield return Case("rig: t\n", "t.yaml:1:1: power: missing required field 'power' (expected a mapping of switch names to switches)");
        yield return Case("rig: t\npower: {}\n", "t.yaml:2:8: power: expected at least one switch");
        yield return Case("rig: t\npower: [a]\n", "t.yaml:2:8: power: expected a mapping of switch names to switches, got a list");
        yield return Case("", "t.yaml:1:1: the file is empty: expected a mapping with at least rig and power");
        yield return Case("- a\n", "t.yaml:1:1: expected a mapping with at least rig and power, got a list");
        yield return Case("rig: t\nhots: sim\n" + Power,
            "t.yaml:2:1: hots: unknown key 'hots'; known keys: rig, host, safe_state, power, devices, dext, timeouts, sim, budgets");
        yield return Case("rig: t\nhost: linux\n" + Power, "t.yaml:2:7: host: expected one of sim, macos, macos-twin, got 'linux'");
        yield return Case("rig: t\nsafe_state: off\n" + Power, "t.yaml:2:13: safe_state: expected one of all-off, all-on, got 'off'");
        yield return Case("rig: 'bad name'\n" + Power, "t.yaml:1:6: rig: expected a name of letters, digits");
        yield return Case("rig: t\n" + Power + "rig: u\n", "t.yaml:7:1: rig: duplicate key 'rig' (first defined at line 1, column 1)");
        yield return Case("rig: t\npower:\n  relay1: { kind: sim, channels: 1, channels: 2 }\n",
            "t.yaml:3:37: power.relay1.channels: duplicate key 'channels' (first defined at line 3, column 24)");
        yield return Case("rig: t\npower:\n  relay1: { kind: sim, channels: 1 }\n  relay1: { kind: sim, channels: 1 }\n",
            "t.yaml:4:3: power.relay1: duplicate key 'relay1'");
        yield return Case("rig: t\npower:\n  relay1: { kind: numato, channels: 8 }\n",
            "t.yaml:3:11: power.relay1.port: missing required field 'port' (expected the serial device");
        yield return Case("rig: t\npower:\n  relay1: { kind: lcus, channels: 8 }\n", "power.relay1.port: missing required field 'port'");
        yield return Case("rig: t\npower:\n  relay1: { kind: kmtronic, channels: 8 }\n", "power.relay1.port: missing required field 'port'");
        yield return Case("rig: t\npower:\n  relay1: { kind: dcttech, channels: 2 }\n", "power.relay1.serial: missing required field 'serial'");
        yield return Case("rig: t\npower:\n  relay1: { kind: ykush, channels: 3 }\n", "power.relay1.serial: missing required field 'serial'");
        yield return Case("rig: t\npower:\n  hub: { kind: uhubctl, channels: 4 }\n", "power.hub.location: missing required field 'location'");
        yield return Case("rig: t\npower:\n  relay1: { kind: numato, port: sim, location: 1-1, channels: 8 }\n",
            "t.yaml:3:48: power.relay1.location: does not apply to kind numato: it is identified by port");
        yield return Case("rig: t\npower:\n  relay1: { kind: sim, serial: X, channels: 8 }\n",
            "power.relay1.serial: does not apply to kind sim: it needs no identity field");
        yield return Case("rig: t\npower:\n  relay1: { kind: usbrelay, channels: 8 }\n",
            "t.yaml:3:19: power.relay1.kind: expected one of numato, lcus, kmtronic, dcttech, uhubctl, ykush, usbrly, sim, got 'usbrelay'");
        yield return Case("rig: t\npower:\n  relay1: { kind: sim, channels: 8, chanels: 2 }\n",
            "t.yaml:3:37: power.relay1.chanels: unknown key 'chanels'; known keys: kind, port, serial, location, channels");
        yield return Case("rig: t\npower:\n  relay/1: { kind: sim, channels: 8 }\n", "t.yaml:3:3: power.relay/1: expected a name");
        yield return Case(Dev("relay2/1"), "t.yaml:9:12: devices.stim.power: names no declared switch 'relay2'; declared switches: relay1");
        yield return Case(Dev("relay1/9"), "t.yaml:9:12: devices.stim.power: expected a channel 0..7 (as the numato board numbers them) of switch relay1, got '9'");
        yield return Case(Dev("relay1/one"), "devices.stim.power: expected a channel 0..7 (as the numato board numbers them) of switch relay1, got 'one'");
        yield return Case(Dev("relay1"), "devices.stim.power: expected SWITCH/CHANNEL like relay1/1, got 'relay1'");
        yield return Case(Dev("relay1/1", vid: "4617"),
            "t.yaml:10:17: devices.stim.usb.vid: expected a hex integer 0x0000..0xFFFF like 0x1209, got '4617'");
        yield return Case(Dev("relay1/1", vid: "0x12345"), "devices.stim.usb.vid: expected a hex integer 0x0000..0xFFFF");
        yield return Case(Dev("relay1/1", vid: "0xZZ"), "devices.stim.usb.vid: expected a hex integer");
        yield return Case("rig: t\n" + Power + "devices:\n  stim: { power: relay1/1 }\n",
            "t.yaml:8:9: devices.stim.usb: missing required field 'usb'");
        yield return Case("rig: t\n" + Power + "devices:\n  a: { power: relay1/1, usb: { vid: 0x1, pid: 0x1 } }\n"
            + "  b: { power: relay1/1, usb: { vid: 0x1, pid: 0x2 } }\n",
            "t.yaml:9:6: devices.b: channel relay1/1 already powers device a; each channel powers one device");
        yield return Case("rig: t\n" + Power + "devices:\n  a: { power: relay1/1, usb: { vid: 0x1, pid: 0x1 } }\n"
            + "  b: { power: relay1/2, usb: { vid: 0x1, pid: 0x1 } }\n",
            "devices.b: USB identity 0001:0001 is the same as device a's");
        yield return Case("rig: t\n" + Power + "timeouts: { enumerate: 5 }\n",
            "t.yaml:7:24: timeouts.enumerate: expected a positive duration like 150ms, 5s or 1m (units us, ms, s, m, h; at most 24h), got '5'");
        yield return Case("rig: t\n" + Power + "timeouts: { activate: 0s }\n", "timeouts.activate: expected a positive duration");
        yield return Case("rig: t\n" + Power + "timeouts: { enumerate: 5s, boot: 1s }\n",
            "timeouts.boot: unknown key 'boot'; known keys: enumerate, activate");
        yield return Case("rig: t\n" + Power + "dext: { plist: p }\n", "t.yaml:7:7: dext.bundle_id: missing required field 'bundle_id'");
        yield return Case("rig: t\n" + Power + "dext: { plist: p, bundle_id: hilprobe }\n",
            "dext.bundle_id: expected a reverse-DNS bundle ID like com.example.hilprobe, got 'hilprobe'");
        yield return Case("rig: t\nhost: macos\n" + Power + "sim: { seed: 1 }\n", "t.yaml:8:6: sim: only allowed with host: sim");
        yield return Case("rig: t\n" + Power + "sim: { seed: 1 }\n", "sim: only allowed with host: sim");
        yield return Case(Sim("enumerate_delay: fast"), "sim.enumerate_delay: expected a duration like 150ms, 5s or 1m");
        yield return Case(Sim("seed: -1"), "sim.seed: expected an integer 0..2147483647, got '-1'");
        yield return Case(Sim("faults: [{ kind: meltdown }]"),
            "sim.faults[0].kind: expected one of relay-timeout, never-enumerate, dext-crash, userclient-hang, drop-messages, delay-messages, hop-delay, board-vanish, late-enumerate, replug-race, floor-tool-missing, got 'meltdown'");
        yield return Case(Sim("faults: [{ target: relay1 }]"), "sim.faults[0].kind: missing required field 'kind'");
        yield return Case(Sim("faults: [{ kind: relay-timeout }]"), "sim.faults[0].target: missing required field 'target'");
        yield return Case(Sim("faults: [{ kind: relay-timeout, target: relay9 }]"),
            "sim.faults[0].target: expected a switch (relay1) or SWITCH/CHANNEL: expected SWITCH/CHANNEL like relay1/1, got 'relay9'");
        yield return Case(Sim("faults: [{ kind: never-enumerate, target: nobody }]"),
            "sim.faults[0].target: names no declared device 'nobody'; the rig declares no devices");
        yield return Case(Sim("faults: [{ kind: drop-messages, rate: 2 }]"), "sim.faults[0].rate: expected a number 0..1, got '2'");
        yield return Case(Sim("faults: [{ kind: hop-delay, delay: 50 }]"), "sim.faults[0].delay: expected a duration");
        yield return Case(Sim("faults: [{ kind: drop-messages, every: 0 }]"), "sim.faults[0].every: expected an integer 1..");
        yield return Case(Sim("faults: [{ kind: relay-timeout, target: relay1, after: [1s] }]"), "sim.faults[0].after: expected a duration");
        yield return Case(Sim("faults: [{ kind: dext-crash, messages: 0 }]"), "sim.faults[0].messages: expected an integer 1..");
        yield return Case(Sim("faults: [{ kind: dext-crash, after: 1m }]"),
            "sim.faults[0].after: 'after' is not an argument of dext-crash: nothing would apply it; it takes kind, target and messages");
        yield return Case(Sim("faults: [{ kind: delay-messages, delay: 1ms, every: 10 }]"), "'every' is not an argument of delay-messages");
        yield return Case(Sim("faults: [{ kind: hop-delay, delay: 1ms, jitter: 1ms }]"), "'jitter' is not an argument of hop-delay");
        yield return Case(Sim("faults: { kind: dext-crash }"), "sim.faults: expected a list of faults");
        yield return Case(Sim("faults: [{ kind: board-vanish }]"), "sim.faults[0].target: missing required field 'target' (expected the switch or SWITCH/CHANNEL whose board disappears)");
        yield return Case(Sim("faults: [{ kind: board-vanish, target: relay9 }]"), "sim.faults[0].target: expected a switch (relay1) or SWITCH/CHANNEL");
        yield return Case(Sim("faults: [{ kind: board-vanish, target: relay1, switches: 0 }]"), "t.yaml:9:60: sim.faults[0].switches: expected an integer 1..");
        yield return Case(Sim("faults: [{ kind: board-vanish, target: relay1, switches: 3, after: 1s }]"),
            "sim.faults[0].after: board-vanish takes switches or after, not both");
        yield return Case(Sim("faults: [{ kind: late-enumerate, target: nobody, delay: 1s }]"), "sim.faults[0].target: names no declared device 'nobody'");
        yield return Case(Sim("faults: [{ kind: replug-race, target: nobody }]"), "sim.faults[0].target: names no declared device 'nobody'");
        yield return Case(Sim("faults: [{ kind: floor-tool-missing, target: relay1 }]"), "t.yaml:9:48: sim.faults[0].target: floor-tool-missing takes no target");
        yield return Case(Sim("faults: [{ kind: floor-tool-missing, after: 1s }]"), "'after' is not an argument of floor-tool-missing: nothing would apply it; it takes only kind and target");
        yield return Case(SimDev("faults: [{ kind: late-enumerate, target: stim }]"), "sim.faults[0].delay: missing required field 'delay'");
        yield return Case(SimDev("faults: [{ kind: late-enumerate, target: stim, delay: soon }]"), "sim.faults[0].delay: expected a duration");
        yield return Case(SimDev("faults: [{ kind: replug-race, target: stim, gap: 50ms }]"),
            "sim.faults[0].gap: expected a gap under 50ms: a device away longer is an unplug, not a replug race");
        yield return Case(SimDev("faults: [{ kind: replug-race, target: stim, gap: 1x }]"), "sim.faults[0].gap: expected a duration");
        yield return Case("rig: t\npower: *nothing\n", "t.yaml:2:8: power: alias *nothing names no anchor defined before it");
        yield return Case("rig: t\n---\nrig: u\n", "t.yaml:2:1: expected one YAML document, found a second one");
        yield return Case("rig: [t\n", "t.yaml:");
        yield return Case("rig: t\npower:\n  ? [a, b]\n  : x\n", "power: expected a plain key");
        yield return Case(Budget("p98: { limit: 5ms }"), "t.yaml:9:5: budgets.app-relay.p98: unknown key 'p98'; known keys: p50, p90, p99, p99.9");
        yield return Case(Budget("p99: { limit: 5 }"), "t.yaml:9:19: budgets.app-relay.p99.limit: expected a positive duration like 150ms");
        yield return Case(Budget("p99: { marginal: 3ms }"), "budgets.app-relay.p99.limit: missing required field 'limit'");
        yield return Case(Budget("p99: { limit: 3ms, marginal: 5ms }"), "budgets.app-relay.p99.marginal: must be below limit (3ms)");
        yield return Case(Budget("p99: { limit: 3ms, margin: 2ms }"), "budgets.app-relay.p99.margin: unknown key 'margin'; known keys: limit, marginal");
        yield return Case(Budget("p99: 5ms"), "budgets.app-relay.p99: expected a mapping { limit: DURATION, marginal: DURATION } (marginal optional), got '5ms'");
    }

    [TestCaseSource(nameof(Cases))]
    public void A_bad_rig_file_is_rejected_with_a_message_that_names_where_and_what(string yaml, string expected)
    {
        var ex = Assert.Throws<InputException>(() => RigFile.Parse(yaml, "t.yaml"));

        Assert.That(ex!.Message, Does.Contain(expected));
        Assert.That(ex.Message, Does.StartWith("t.yaml:"));
    }

    private static TestCaseData Case(string yaml, string expected) =>
        new TestCaseData(yaml, expected).SetArgDisplayNames(expected.Length > 60 ? expected[..60] : expected);

    private static string Dev(string power, string vid = "0x1209") =>
        $"rig: t\n{Power}devices:\n  stim:\n    power: {power}\n    usb: {{ vid: {vid}, pid: 0x0001 }}\n";

    private static string Budget(string line) => $"rig: t\n{Power}budgets:\n  app-relay:\n    {line}\n";

    private static string Sim(string line) => $"rig: t\nhost: sim\n{Power}sim:\n  {line}\n";

    private static string SimDev(string line) =>
        $"rig: t\nhost: sim\n{Power}devices:\n  stim: {{ power: relay1/1, usb: {{ vid: 0x1209, pid: 0x0001 }} }}\nsim:\n  {line}\n";
}
