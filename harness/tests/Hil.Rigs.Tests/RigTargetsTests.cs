using Hil.Foundation;

namespace Hil.Rigs.Tests;

public sealed class RigTargetsTests
{
    private static readonly RigSpec Rig = RigFile.Parse(
        "rig: t\npower: { relay1: { kind: sim, channels: 4 } }\ndevices: { stim: { power: relay1/3, usb: { vid: 0x1, pid: 0x2 } } }\n",
        "/rigs/t.yaml");

    [Test]
    public void A_device_name_resolves_to_the_channel_that_powers_it() =>
        Assert.That(Rig.ResolveTarget("stim"), Is.EqualTo(new ChannelRef("relay1", 3)));

    [Test]
    public void A_switch_channel_resolves_to_itself() =>
        Assert.That(Rig.ResolveTarget("relay1/3"), Is.EqualTo(new ChannelRef("relay1", 3)));

    [TestCase("numato", 0, 7)]
    [TestCase("sim", 0, 7)]
    [TestCase("lcus", 1, 8)]
    [TestCase("kmtronic", 1, 8)]
    public void Channels_are_numbered_as_the_board_numbers_them(string kind, int first, int last)
    {
        var port = kind == "sim" ? string.Empty : ", port: sim";
        var rig = RigFile.Parse($"rig: t\npower: {{ r: {{ kind: {kind}{port}, channels: 8 }} }}\n", "t.yaml");

        Assert.That(rig.ResolveTarget($"r/{first}"), Is.EqualTo(new ChannelRef("r", first)));
        Assert.That(rig.ResolveTarget($"r/{last}"), Is.EqualTo(new ChannelRef("r", last)));
        Assert.Throws<InputException>(() => rig.ResolveTarget($"r/{first - 1}"));
        Assert.Throws<InputException>(() => rig.ResolveTarget($"r/{last + 1}"));
    }

    [TestCase("stimulus", "target 'stimulus' in rig 't' (/rigs/t.yaml): expected a device name or SWITCH/CHANNEL like relay1/1; devices: stim")]
    [TestCase("relay1/5", "target 'relay1/5' in rig 't' (/rigs/t.yaml): expected a channel 0..3 (as the sim board numbers them) of switch relay1, got '5'")]
    [TestCase("relay2/1", "names no declared switch 'relay2'; declared switches: relay1")]
    [TestCase("relay1/", "expected SWITCH/CHANNEL like relay1/1, got 'relay1/'")]
    public void An_unknown_target_is_an_input_error_listing_what_exists(string target, string expected)
    {
        var ex = Assert.Throws<InputException>(() => Rig.ResolveTarget(target));

        Assert.That(ex!.Message, Does.Contain(expected));
    }
}
