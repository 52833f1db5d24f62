using System.Collections.Immutable;
using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Dext.Tests;

/// <summary>A team's plist has no HILRole: the rig file's dext.driver1/driver2 give the roles (dext/examples/keyflip).</summary>
public sealed class RigRolesPlistTests
{
    private static readonly SourceLocation Where = new("rig.yaml", 20, 3);

    private static DextSpec Keyflip(ImmutableArray<string> driver1, ImmutableArray<string> driver2, ImmutableArray<string>? userClients = null) =>
        new("dext/examples/keyflip/Info.plist", "com.example.keyflip", "unused")
        {
            Roles = new DextRoles(driver1, driver2, userClients ?? ["KeyflipUserClient"], 0x40, ["one-process"], Where)
            {
                UserClientsWhere = new SourceLocation("rig.yaml", 23, 3),
            },
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

    [Test]
    public void Each_personality_opens_the_user_client_class_its_UserClientProperties_carry()
    {
        var spec = Keyflip(["KeyflipSource"], ["KeyflipDevice"]);
        var plist = DextPlist.LoadForRig(spec);
        Assert.That(plist.Personalities.Select(p => p.UserClientClass), Is.All.EqualTo("KeyflipUserClient"));
        Assert.That(UserClientClasses.For(plist, spec.Roles, "KeyflipDevice"), Is.EqualTo("KeyflipUserClient"));
        Assert.That(UserClientClasses.For(plist, DextRoles.Probe, "KeyflipDevice"), Is.Null, "a rig that names no class opens whatever the dext carries");
    }

    [Test]
    public void A_user_client_class_the_plist_does_not_carry_is_an_error_at_the_rigs_user_clients_line()
    {
        var e = Assert.Throws<InputException>(() => DextPlist.LoadForRig(Keyflip(["KeyflipSource"], ["KeyflipDevice"], ["KeyflipUserClient", "KeyflipAdmin"])));
        Assert.That(e!.Message, Does.StartWith("rig.yaml:23:3: dext.user_clients: 'KeyflipAdmin' is not a user-client class of "));
        Assert.That(e.Message, Does.EndWith("its personalities' UserClientProperties/IOUserClass are KeyflipUserClient"));
    }

    [Test]
    public void A_personality_without_UserClientProperties_cannot_be_opened_when_the_rig_names_classes()
    {
        var roles = new DextRoles(["Bare"], [], ["BareUserClient"], 0, [], Where);
        var plist = DextPlist.Parse(OnePersonality("Bare", ""), "bare.plist", roles);
        var e = Assert.Throws<InputException>(() => UserClientClasses.For(plist, roles, "Bare"));
        Assert.That(e!.Message, Does.Match(@"^bare\.plist:2: IOKitPersonalities/Bare has no UserClientProperties, so IOServiceOpen on its Driver1 has no user client to create; the rig \(rig\.yaml:20:3\) opens BareUserClient$"));
    }

    [Test]
    public void UserClientProperties_without_IOUserClass_names_the_plist_line()
    {
        var xml = OnePersonality("P", """
            <key>HILRole</key><string>driver1</string>
            <key>UserClientProperties</key><dict><key>IOClass</key><string>IOUserUserClient</string></dict>
            """);
        var e = Assert.Throws<InputException>(() => DextPlist.Parse(xml, "p.plist"));
        Assert.That(e!.Message, Is.EqualTo("p.plist:6: IOKitPersonalities/P/UserClientProperties: key 'IOUserClass' is missing (a string is required)"));
    }

    /// <summary>A plist of one root personality <paramref name="name"/> (its dict opens on line 2), then <paramref name="more"/> keys from line 5.</summary>
    private static string OnePersonality(string name, string more) => $"""
        <plist version="1.0"><dict><key>IOKitPersonalities</key><dict>
        <key>{name}</key><dict>
          <key>IOClass</key><string>IOUserService</string><key>IOUserClass</key><string>{name}</string>
          <key>IOProviderClass</key><string>IOUserResources</string><key>IOUserServerName</key><string>com.example.{name}</string>
        {more}
        </dict></dict></dict></plist>
        """;
}
