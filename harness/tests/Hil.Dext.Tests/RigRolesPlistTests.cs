using System.Collections.Immutable;
using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Dext.Tests;

/// <summary>A team's plist has no HILRole: the rig file's dext.driver1/driver2 give the roles (dext/examples/keyflip).</summary>
public sealed class RigRolesPlistTests
{
    private static readonly SourceLocation Where = new("rig.yaml", 20, 3);

    private static DextSpec Keyflip(ImmutableArray<string> driver1, ImmutableArray<string> driver2) =>
        new("dext/examples/keyflip/Info.plist", "com.example.keyflip", "unused")
        {
            Roles = new DextRoles(driver1, driver2, ["KeyflipUserClient"], 0x40, ["one-process"], Where),
        };

    [Test]
    public void Keyflips_roles_come_from_the_rig()
    {
        var plist = DextPlist.LoadForRig(Keyflip(["KeyflipSource"], ["KeyflipDevice"]));
        var roles = plist.Personalities.ToDictionary(p => p.Name, p => (p.Role, p.RoleNamedByRig));
        Assert.That(roles["KeyflipSource"], Is.EqualTo((DriverRole.Driver1, true)));
        Assert.That(roles["KeyflipDevice"], Is.EqualTo((DriverRole.Driver2, true)));
        Assert.That(plist.Personalities.Single(p => p.IsRoot).Name, Is.EqualTo("KeyflipDevice"));
    }

    [Test]
    public void Without_the_rigs_roles_keyflips_plist_lacks_HILRole()
    {
        var spec = new DextSpec("dext/examples/keyflip/Info.plist", "com.example.keyflip", "unused");
        Assert.That(() => DextPlist.LoadForRig(spec), Throws.TypeOf<InputException>().With.Message.Contains("key 'HILRole' is missing"));
    }

    [Test]
    public void A_personality_in_neither_list_names_the_plist_line_and_the_rig()
    {
        var e = Assert.Throws<InputException>(() => DextPlist.LoadForRig(Keyflip(["KeyflipSource"], ["Other"])));
        Assert.That(e!.Message, Does.Match(@"Info\.plist:\d+: IOKitPersonalities/KeyflipDevice is in neither dext\.driver1 nor dext\.driver2 of the rig file \(rig\.yaml:20:3\)"));
    }

    [Test]
    public void A_named_personality_the_plist_lacks_is_an_error_at_the_rigs_line()
    {
        var e = Assert.Throws<InputException>(() => DextPlist.LoadForRig(Keyflip(["KeyflipSource", "KeyflipMouse"], ["KeyflipDevice"])));
        Assert.That(e!.Message, Does.StartWith("rig.yaml:20:3: dext: personality 'KeyflipMouse' is not in "));
        Assert.That(e.Message, Does.EndWith("its IOKitPersonalities are KeyflipSource, KeyflipDevice"));
    }
}
