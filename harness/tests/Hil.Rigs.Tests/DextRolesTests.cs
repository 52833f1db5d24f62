using Hil.Foundation;

namespace Hil.Rigs.Tests;

/// <summary>The dext: keys that describe a team's dext (rigs/README.md "dext"): read, defaulted to the probe's, rejected with file:line.</summary>
public sealed class DextRolesTests
{
    private const string Head = "rig: t\npower: { r: { kind: sim, channels: 1 } }\ndext:\n  plist: p\n  bundle_id: com.example.keyflip\n";

    [Test]
    public void The_example_dext_rig_names_keyflips_roles_base_and_topology()
    {
        var rig = RigFile.Load(RepoFiles.Path_("rigs", "examples", "sim-example-dext.yaml"));
        var roles = rig.Dext!.Roles;
        Assert.That(roles.Driver1, Is.EqualTo(new[] { "KeyflipSource" }));
        Assert.That(roles.Driver2, Is.EqualTo(new[] { "KeyflipDevice" }));
        Assert.That(roles.UserClients, Is.EqualTo(new[] { "KeyflipUserClient" }));
        Assert.That(roles.SelectorBase, Is.EqualTo(0x40u));
        Assert.That(roles.Topologies, Is.EqualTo(new[] { "one-process" }));
        Assert.That(roles.RoleOf("KeyflipDevice"), Is.EqualTo(2));
        Assert.That(roles.Implements("app-relay"), Is.False);
        Assert.That(roles.Where!.Line, Is.GreaterThan(1));
        Assert.That(roles.NamesUserClients, Is.True);
    }

    [Test]
    public void User_clients_keeps_its_own_line_for_errors_found_in_the_plist()
    {
        var roles = RigFile.Parse(Head + "  topologies: [one-process]\n  user_clients: [KeyflipUserClient]\n", "t.yaml").Dext!.Roles;
        Assert.That(roles.UserClientsWhere!.ToString(), Does.StartWith("t.yaml:7:"));
        Assert.That(RigFile.Parse(Head, "t.yaml").Dext!.Roles.UserClientsWhere, Is.Null);
    }

    [Test]
    public void A_rig_without_the_keys_keeps_the_probes_defaults()
    {
        var dext = RigFile.Load(RepoFiles.Path_("rigs", "sim.yaml")).Dext!;
        Assert.That((dext.Roles.SelectorBase, dext.Roles.Topologies.IsEmpty, dext.Roles.UserClients.IsEmpty), Is.EqualTo((0u, true, true)));
        Assert.That(dext.Roles.NamesRoles, Is.False);
        Assert.That(dext.Roles.Implements("shared-ring"), Is.True);
        Assert.That(dext.HostApp, Is.Null);
    }

    [Test]
    public void Selector_base_reads_hex_and_decimal_and_host_app_is_kept()
    {
        Assert.That(RigFile.Parse(Head + "  selector_base: 64\n", "t.yaml").Dext!.Roles.SelectorBase, Is.EqualTo(64u));
        Assert.That(RigFile.Parse(Head + "  host_app: /Applications/Keyflip.app\n", "t.yaml").Dext!.HostApp,
            Is.EqualTo("/Applications/Keyflip.app"));
    }

    [TestCase("  driver1: [A]\n", "t.yaml:6:12: dext.driver1: driver1 and driver2 come together")]
    [TestCase("  driver1: [A]\n  driver2: [A]\n", "dext.driver2: personality 'A' is named as driver1 and as driver2")]
    [TestCase("  driver1: [A, A]\n  driver2: [B]\n", "t.yaml:6:12: dext.driver1: 'A' is listed twice")]
    [TestCase("  driver1: []\n  driver2: [B]\n", "t.yaml:6:12: dext.driver1: expected a list of names like [KeyflipSource], got a list")]
    [TestCase("  selector_base: 0x\n", "t.yaml:6:18: dext.selector_base: expected a selector number 0..4294967279")]
    [TestCase("  selector_base: 0xFFFFFFFF\n", "dext.selector_base: expected a selector number")]
    [TestCase("  selector_base: -1\n", "dext.selector_base: expected a selector number")]
    [TestCase("  topologies: one-process\n", "t.yaml:6:15: dext.topologies: expected a list of topology names like [one-process], got 'one-process'")]
    [TestCase("  hostapp: x\n", "t.yaml:6:3: dext.hostapp: unknown key 'hostapp'")]
    public void A_bad_dext_key_names_its_line_and_what_was_expected(string keys, string expected)
    {
        var ex = Assert.Throws<InputException>(() => RigFile.Parse(Head + keys, "t.yaml"));
        Assert.That(ex!.Message, Does.Contain(expected));
    }
}
